/**
 * Turns a Telegram update into what the bot should do with it: a message or a button press for
 * the core (as an `Incoming`), an inline query, a non-text message, or nothing. This is where
 * "addressed" is decided for groups: a command for this bot, an @mention of it, or a reply to
 * one of its messages. Pure: no I/O, no framework.
 */
import { COMMANDS } from "../../dialogue/respond.ts";
import type { Incoming } from "../../dialogue/types.ts";
import type { TgCallbackQuery, TgInlineQuery, TgMessage, TgMessageEntity, TgUpdate } from "./bot-api.ts";

/** Who the bot is, from `getMe`. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** Why an update gets no reply at all (logged at debug level). */
export type IgnoreReason =
  | "edited"
  | "channel"
  | "service"
  | "group_non_text"
  | "from_bot"
  | "own_inline_result"
  | "unsupported";

/** What to do with an update. */
export type Route =
  | { kind: "message"; message: TgMessage; incoming: Incoming }
  | { kind: "non_text"; message: TgMessage }
  | { kind: "callback"; query: TgCallbackQuery; incoming: Incoming }
  | { kind: "inline"; query: TgInlineQuery }
  | { kind: "ignore"; reason: IgnoreReason };

/** Message fields that carry content we cannot read (as opposed to service messages). */
const NON_TEXT_CONTENT = [
  "photo", "sticker", "voice", "video", "video_note", "audio", "document", "animation",
  "location", "venue", "contact", "poll", "dice", "story",
] as const;

const KNOWN_COMMANDS: ReadonlySet<string> = new Set(COMMANDS);
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/;

/** The chat kind of a Telegram chat type, as the core knows it. */
export function chatKind(type: string | undefined): "private" | "group" {
  return type === "group" || type === "supergroup" ? "group" : "private";
}

/** A coarse chat kind for logs: never ids, never names. */
export function logChatKind(update: TgUpdate): string {
  if (update.inline_query) return "inline";
  const chat = update.message?.chat ?? update.callback_query?.message?.chat;
  if (chat) return chat.type === "supergroup" ? "group" : chat.type;
  return "none";
}

/** Whether the message answers one of the bot's own messages (not a forum topic's opener). */
export function isReplyToBot(message: TgMessage, me: BotIdentity): boolean {
  const original = message.reply_to_message;
  return original?.from?.id === me.id && original.forum_topic_created === undefined;
}

/**
 * Removes mentions of the bot (`@username`, or a text mention of its id) from the text.
 * @returns the cleaned text and whether a mention was found
 */
export function stripMentions(
  text: string,
  entities: readonly TgMessageEntity[] | undefined,
  me: BotIdentity,
): { text: string; mentioned: boolean } {
  let out = text;
  let mentioned = false;
  // Text mentions first, by offset (UTF-16, as JavaScript strings), from the end backwards.
  const textMentions = (entities ?? []).filter((e) => e.type === "text_mention" && e.user?.id === me.id);
  for (const e of [...textMentions].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
    mentioned = true;
  }
  const escaped = me.username.replace(/[^A-Za-z0-9_]/g, "");
  const mention = new RegExp(`(^|[^A-Za-z0-9_])@${escaped}(?![A-Za-z0-9_])`, "gi");
  out = out.replace(mention, (_, before: string) => {
    mentioned = true;
    return before;
  });
  if (!mentioned) return { text, mentioned };
  return { text: out.replace(/\s+/g, " ").replace(/^[\s,，:：、]+/, "").trim(), mentioned };
}

/**
 * Decides whether a message is addressed to the bot and cleans its text for the core.
 * Private chats are always addressed. In groups: `/cmd@thisbot`, or one of our commands
 * without a target (Telegram delivers those to every bot), an @mention, or a reply to the bot.
 */
export function readAddressing(message: TgMessage, me: BotIdentity): { addressed: boolean; text: string } {
  const text = message.text ?? "";
  const isPrivate = chatKind(message.chat.type) === "private";
  const command = COMMAND.exec(text);
  if (command) {
    const [whole, name = "", target] = command;
    if (target && target.toLowerCase() !== me.username.toLowerCase()) return { addressed: isPrivate, text };
    const clean = `/${name}${text.slice(whole.length)}`;
    return { addressed: isPrivate || Boolean(target) || KNOWN_COMMANDS.has(name.toLowerCase()), text: clean };
  }
  const stripped = stripMentions(text, message.entities, me);
  return { addressed: isPrivate || stripped.mentioned || isReplyToBot(message, me), text: stripped.text };
}

/** Routes one update. */
export function routeUpdate(update: TgUpdate, me: BotIdentity): Route {
  if (update.inline_query) return { kind: "inline", query: update.inline_query };
  const query = update.callback_query;
  if (query) {
    const incoming: Incoming = {
      text: "",
      data: query.data ?? "",
      chat: chatKind(query.message?.chat.type),
      addressed: true,
      language: query.from.language_code,
    };
    return { kind: "callback", query, incoming };
  }
  const message = update.message;
  if (!message) {
    if (update["edited_message"] !== undefined) return { kind: "ignore", reason: "edited" };
    if (update["channel_post"] !== undefined || update["edited_channel_post"] !== undefined) {
      return { kind: "ignore", reason: "channel" };
    }
    return { kind: "ignore", reason: "unsupported" };
  }
  if (message.chat.type === "channel" || message["is_automatic_forward"]) return { kind: "ignore", reason: "channel" };
  // Anonymous group admins write as a bot account on behalf of the group (`sender_chat`): still people.
  if (message.from?.is_bot && message["sender_chat"] === undefined) return { kind: "ignore", reason: "from_bot" };
  // One of our own inline answers, shared into a chat with us: it is our text, not a question.
  if ((message["via_bot"] as { id?: number } | undefined)?.id === me.id) return { kind: "ignore", reason: "own_inline_result" };
  if (typeof message.text !== "string") {
    const hasContent = NON_TEXT_CONTENT.some((field) => message[field] !== undefined);
    if (!hasContent) return { kind: "ignore", reason: "service" };
    return chatKind(message.chat.type) === "private"
      ? { kind: "non_text", message }
      : { kind: "ignore", reason: "group_non_text" };
  }
  const { addressed, text } = readAddressing(message, me);
  const incoming: Incoming = {
    text,
    chat: chatKind(message.chat.type),
    addressed,
    language: message.from?.language_code,
  };
  return { kind: "message", message, incoming };
}

/** Whether the update counts against the sender's rate limit: only what the bot answers. */
export function countsTowardLimit(route: Route): boolean {
  switch (route.kind) {
    case "message":
      return route.incoming.addressed;
    case "non_text":
    case "callback":
      return true;
    case "inline":
    case "ignore":
      return false;
  }
}
