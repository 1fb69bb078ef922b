/**
 * How a reply looks on each Telegram surface. A private chat gets the reply as the core composed
 * it. A group never sees the user's personal details repeated back (the timeline note built from
 * "逾期3个月" and the like becomes a hint to continue privately), and answers carry a deep link to
 * continue in a private chat. Inline results are shared into other chats, so they carry neither
 * the note nor buttons (nor the line that points to buttons).
 */
import { MESSAGES } from "../../dialogue/messages.ts";
import { renderBody } from "../../dialogue/render/plain-text.ts";
import { MAX_MESSAGE_CHARS, renderTelegram } from "../../dialogue/render/telegram-html.ts";
import type { Reply } from "../../dialogue/types.ts";
import type { TgButton, TgInlineKeyboard, TgMessage, TgTarget } from "./bot-api.ts";
import type { BotIdentity } from "./route.ts";

/** Where a reply is shown. */
export type Surface = "private" | "group" | "inline";

/** A reply ready to send: HTML, its plain-text fallback, and the keyboard (if any). */
export interface Presented {
  html: string;
  plain: string;
  keyboard?: TgInlineKeyboard | undefined;
}

/** The deep link that opens a private chat with the bot on a given intent. */
export function deepLink(me: BotIdentity, intent: string): string {
  return `https://t.me/${me.username}?start=${encodeURIComponent(intent)}`;
}

/** The reply as it may be shown on the surface (personal details removed where others read it). */
export function adaptReply(reply: Reply, surface: Surface): Reply {
  if (surface === "private") return reply;
  const note = reply.note && surface === "group" ? MESSAGES.groupPrivacyHint : undefined;
  // An inline result has no buttons, so it cannot point to the other questions' answers.
  const otherQuestions = surface === "group" ? reply.otherQuestions : undefined;
  return { ...reply, note, otherQuestions };
}

/** Cuts text to Telegram's message limit. */
function fit(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

/**
 * Renders a reply for a surface: Telegram HTML, the plain-text fallback (used if Telegram
 * rejects the HTML) and the inline keyboard, plus the "私聊继续" link on group answers.
 */
export function presentReply(reply: Reply, surface: Surface, me: BotIdentity): Presented {
  const shown = adaptReply(reply, surface);
  const rendered = renderTelegram(shown);
  const plain = fit(renderBody(shown));
  if (surface === "inline") return { html: rendered.html, plain };
  const rows: TgButton[][] = rendered.keyboard.map((row) =>
    row.flatMap((b): TgButton[] => {
      if (b.callback_data !== undefined) return [{ text: b.text, callback_data: b.callback_data }];
      if (b.url !== undefined) return [{ text: b.text, url: b.url }];
      return [];
    }),
  );
  if (surface === "group" && shown.intent) {
    rows.push([{ text: MESSAGES.continuePrivately, url: deepLink(me, shown.intent) }]);
  }
  return { html: rendered.html, plain, keyboard: rows.length ? { inline_keyboard: rows } : undefined };
}

/**
 * Where the answer to a message goes: the same chat; in groups, as a reply to the asker's
 * message and in the same forum topic.
 */
export function targetFor(message: TgMessage): TgTarget {
  if (message.chat.type === "private") return { chat_id: message.chat.id };
  return {
    chat_id: message.chat.id,
    message_thread_id: message.is_topic_message ? message.message_thread_id : undefined,
    reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
  };
}

/** Where a new message after a button press goes: the pressed message's chat and forum topic. */
export function targetNextTo(message: TgMessage): TgTarget {
  return {
    chat_id: message.chat.id,
    message_thread_id: message.is_topic_message ? message.message_thread_id : undefined,
  };
}
