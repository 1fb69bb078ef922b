/**
 * Builders for the updates Telegram would send, shaped like the real Bot API JSON (commands and
 * mentions carry their entities). Every test uses fresh user and chat ids, so the per-user rate
 * limit and the per-chat outbound throttle of one test never slow another.
 */
import { FAKE_BOT, type Json } from "./fake-bot-api.ts";

let lastUser = 700_000;
let lastGroup = 0;
let lastMessage = 10;

/** A user id no other test uses (also their private chat id). */
export const newUser = (): number => ++lastUser;
/** A supergroup chat id no other test uses. */
export const newGroup = (): number => -(1_000_000_000_000 + ++lastGroup);
/** A message id for a user's message. */
export const newMessageId = (): number => ++lastMessage;

const user = (id: number, language_code = "zh-hans") => ({ id, is_bot: false, first_name: `用户${id}`, language_code });

/** The entities Telegram attaches: a bot command at the start, @mentions anywhere. */
function entitiesOf(text: string): Json[] {
  const entities: Json[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,}/g)) {
    if (m.index !== 0 || !command) entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}

/** A text message in a private chat. */
export function privateText(userId: number, text: string, extra: Json = {}): Json {
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: newMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: `用户${userId}` },
      from: user(userId),
      text,
      ...(entities.length ? { entities } : {}),
      ...extra,
    },
  };
}

/** A text message in a supergroup (optionally a reply, optionally in a forum topic). */
export function groupText(groupId: number, userId: number, text: string, extra: Json = {}): Json {
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: newMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat: { id: groupId, type: "supergroup", title: "互助群" },
      from: user(userId),
      text,
      ...(entities.length ? { entities } : {}),
      ...extra,
    },
  };
}

/** A message the bot sent, as it appears inside `reply_to_message` or a callback query. */
export function botMessage(chatId: number, messageId: number, text: string): Json {
  return {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: chatId < 0 ? { id: chatId, type: "supergroup", title: "互助群" } : { id: chatId, type: "private" },
    from: { id: FAKE_BOT.id, is_bot: true, first_name: FAKE_BOT.first_name, username: FAKE_BOT.username },
    text,
  };
}

/** A button press on one of the bot's messages. */
export function callbackQuery(userId: number, data: string, message: Json): Json {
  return { callback_query: { id: `cb${newMessageId()}`, from: user(userId), chat_instance: "ci1", data, message } };
}

/** An inline query (`@bot …` typed in any chat). */
export function inlineQuery(userId: number, query: string): Json {
  return { inline_query: { id: `iq${newMessageId()}`, from: user(userId), query, offset: "", chat_type: "private" } };
}
