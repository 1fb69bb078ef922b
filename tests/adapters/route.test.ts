/** Deciding who an update is for: private chats always; in groups a command, a mention or a reply. */
import { describe, expect, it } from "vitest";
import type { TgMessage, TgUpdate } from "../../src/adapters/telegram/bot-api.ts";
import { countsTowardLimit, readAddressing, routeUpdate, stripMentions } from "../../src/adapters/telegram/route.ts";

const me = { id: 4242, username: "overdue_test_bot" };
const group = { id: -100, type: "supergroup" as const };
const user = { id: 7, is_bot: false, first_name: "u", language_code: "en" };
const msg = (text: string, extra: Partial<TgMessage> = {}): TgMessage => ({ message_id: 1, date: 1, chat: group, from: user, text, ...extra });

describe("readAddressing in groups", () => {
  it.each([
    ["/ask@overdue_test_bot 花呗逾期", true, "/ask 花呗逾期"],
    ["/ask@Overdue_Test_Bot 花呗逾期", true, "/ask 花呗逾期"],
    ["/help", true, "/help"],
    ["/ask@other_bot 花呗逾期", false, "/ask@other_bot 花呗逾期"],
    ["/unknown_command", false, "/unknown_command"],
    ["@overdue_test_bot 花呗逾期了会上门吗", true, "花呗逾期了会上门吗"],
    ["花呗逾期了会上门吗 @overdue_test_bot", true, "花呗逾期了会上门吗"],
    ["@overdue_test_bot，花呗逾期", true, "花呗逾期"],
    ["@overdue_test_botx 花呗逾期", false, "@overdue_test_botx 花呗逾期"],
    ["email a@overdue_test_bot.com", false, "email a@overdue_test_bot.com"],
    ["花呗逾期了会上门吗", false, "花呗逾期了会上门吗"],
  ])("%j → addressed %s, text %j", (text, addressed, clean) => {
    expect(readAddressing(msg(text), me)).toEqual({ addressed, text: clean });
  });

  it("counts a reply to the bot, but not the opening message of a forum topic", () => {
    const bot = { id: me.id, is_bot: true, first_name: "bot" };
    expect(readAddressing(msg("那怎么办", { reply_to_message: msg("答案", { from: bot }) }), me).addressed).toBe(true);
    expect(readAddressing(msg("那怎么办", { reply_to_message: msg("答案", { from: user }) }), me).addressed).toBe(false);
    const opener = msg("", { from: bot, forum_topic_created: { name: "t" } });
    expect(readAddressing(msg("那怎么办", { reply_to_message: opener }), me).addressed).toBe(false);
  });

  it("strips a text mention of the bot by its entity offsets", () => {
    const entities = [{ type: "text_mention", offset: 0, length: 4, user: { id: me.id, is_bot: true, first_name: "助手" } }];
    expect(stripMentions("逾期助手 会上门吗", entities, me)).toEqual({ text: "会上门吗", mentioned: true });
  });

  it("treats every private message as addressed, commands for other bots included", () => {
    const chat = { id: 7, type: "private" as const };
    expect(readAddressing(msg("花呗逾期", { chat }), me).addressed).toBe(true);
    expect(readAddressing(msg("/ask@other_bot x", { chat }), me).addressed).toBe(true);
  });
});

describe("routeUpdate", () => {
  const update = (fields: Partial<TgUpdate>): TgUpdate => ({ update_id: 1, ...fields });

  it("builds the Incoming of a message with language and chat kind", () => {
    const route = routeUpdate(update({ message: msg("@overdue_test_bot 会上门吗") }), me);
    expect(route).toMatchObject({ kind: "message", incoming: { text: "会上门吗", chat: "group", addressed: true, language: "en" } });
  });

  it("routes a button press with its data, from a group message", () => {
    const route = routeUpdate(update({ callback_query: { id: "c", from: user, data: "v1:m:main", message: msg("菜单") } }), me);
    expect(route).toMatchObject({ kind: "callback", incoming: { data: "v1:m:main", chat: "group", addressed: true } });
  });

  it.each([
    ["edited", { edited_message: msg("x") }],
    ["channel", { channel_post: msg("x", { chat: { id: -5, type: "channel" } }) }],
    ["service", { message: msg("", { text: undefined, new_chat_members: [user] }) }],
    ["group_non_text", { message: msg("", { text: undefined, photo: [{}] }) }],
    ["from_bot", { message: msg("hi", { from: { id: 9, is_bot: true, first_name: "b" } }) }],
    ["channel", { message: msg("@overdue_test_bot 频道转发", { is_automatic_forward: true }) }],
    ["own_inline_result", { message: msg("花呗借呗逾期了……", { via_bot: { id: 4242, is_bot: true, first_name: "bot" } }) }],
    ["unsupported", { my_chat_member: {} }],
  ])("ignores %s updates", (reason, fields) => {
    expect(routeUpdate(update(fields as Partial<TgUpdate>), me)).toEqual({ kind: "ignore", reason });
  });

  it("answers anonymous group admins, who write through a bot account on behalf of the group", () => {
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    const route = routeUpdate(update({ message: msg("@overdue_test_bot 会上门吗", { from: anonymous, sender_chat: group }) }), me);
    expect(route).toMatchObject({ kind: "message", incoming: { addressed: true } });
  });

  it("routes a private sticker as non-text", () => {
    const chat = { id: 7, type: "private" as const };
    expect(routeUpdate(update({ message: msg("", { chat, text: undefined, sticker: {} }) }), me).kind).toBe("non_text");
  });

  it("counts only what the bot answers toward the rate limit", () => {
    const counts = (fields: Partial<TgUpdate>) => countsTowardLimit(routeUpdate(update(fields), me));
    expect(counts({ message: msg("闲聊") })).toBe(false);
    expect(counts({ message: msg("@overdue_test_bot 会上门吗") })).toBe(true);
    expect(counts({ inline_query: { id: "q", from: user, query: "x" } })).toBe(false);
    expect(counts({ callback_query: { id: "c", from: user, data: "v1:m:main" } })).toBe(true);
    expect(counts({ edited_message: msg("x") })).toBe(false);
  });
});
