/**
 * Generated Telegram updates of every kind through the update handler that both framework
 * adapters deliver to (src/adapters/telegram/handle-update.ts): junk text in private chats and
 * groups, mentions, replies, commands, button presses with random data, inline queries, and
 * updates the bot ignores (photos, stickers, edits, channel posts, member joins). The handler
 * never throws, answers every button press and inline query, stays silent when not addressed,
 * and sends only escaped HTML within Telegram's limit. The end-to-end suites show both
 * frameworks route their updates here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TgMessage, TgUpdate } from "../../src/adapters/telegram/bot-api.ts";
import { createUpdateHandler } from "../../src/adapters/telegram/handle-update.ts";
import { createLogger } from "../../src/logger.ts";
import { memoryApi, TEST_BOT } from "../support/memory-api.ts";
import { shippedCore } from "../support/shipped.ts";

const me = TEST_BOT;
const RUNS = 3000;

/** Telegram HTML produced by our renderer: only our tags, every other `<`, `>` and `&` escaped. */
function assertSafeHtml(html: string): void {
  expect(html.length).toBeLessThanOrEqual(4096);
  const stripped = html.replace(/<\/?(b|i)>|<a href="[^"<>]*">|<\/a>/g, "");
  expect(stripped).not.toMatch(/[<>]/);
  expect(stripped.replace(/&(amp|lt|gt|quot);/g, "")).not.toContain("&");
}

const junk = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", "   ", "<script>alert(1)</script>", "&amp;&lt;", "[x](javascript:y)", "\u200b\u202e逾期", "？？？", "😭😭😭", "花呗逾期了会上门催收吗"),
  fc.string({ maxLength: 30 }).map((s) => `${s}${"逾期".repeat(2200)}`),
);

const user = { id: 99, is_bot: false, first_name: "u", language_code: "zh-hans" };
const chatOf = (kind: "private" | "group") => (kind === "private" ? { id: 99, type: "private" as const } : { id: -100, type: "supergroup" as const });

const updateArb: fc.Arbitrary<TgUpdate> = fc.oneof(
  // Text in a private chat or a group, optionally a command, a mention or a reply to the bot.
  fc.record({ text: junk, chat: fc.constantFrom("private" as const, "group" as const), form: fc.constantFrom("plain", "mention", "reply", "ask", "start") }).map(({ text, chat, form }) => {
    const body = form === "mention" ? `@${me.username} ${text}` : form === "ask" ? `/ask@${me.username} ${text}` : form === "start" ? `/start ${text}` : text;
    const message: TgMessage = { message_id: 5, date: 1, chat: chatOf(chat), from: user, text: body };
    if (form === "mention") message.entities = [{ type: "mention", offset: 0, length: me.username.length + 1 }];
    if (form === "ask") message.entities = [{ type: "bot_command", offset: 0, length: `/ask@${me.username}`.length }];
    if (form === "start") message.entities = [{ type: "bot_command", offset: 0, length: 6 }];
    if (form === "reply") message.reply_to_message = { message_id: 3, date: 1, chat: chatOf(chat), from: { id: me.id, is_bot: true, first_name: "bot", username: me.username }, text: "x" };
    return { update_id: 1, message };
  }),
  // Button presses with random, stale or forged data.
  fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom("v1:m:main", "v1:i:visit_will_they_come", "v1:t:constructor", "v1:s:__proto__", "v9:x:y")).map((data) => ({
    update_id: 2,
    callback_query: { id: "cb", from: user, data, message: { message_id: 8, date: 1, chat: chatOf("private"), text: "菜单" } },
  })),
  // Inline queries.
  junk.map((query) => ({ update_id: 3, inline_query: { id: "iq", from: user, query: query.slice(0, 256) } })),
  // Updates without text, and kinds the bot ignores.
  fc.constantFrom<TgUpdate>(
    { update_id: 4, message: { message_id: 9, date: 1, chat: chatOf("private"), from: user, photo: [{ file_id: "p" }] } },
    { update_id: 5, message: { message_id: 9, date: 1, chat: chatOf("private"), from: user, sticker: { file_id: "s" } } },
    { update_id: 6, message: { message_id: 9, date: 1, chat: chatOf("group"), from: user, new_chat_members: [user] } },
    { update_id: 7, edited_message: { message_id: 9, date: 1, chat: chatOf("private"), from: user, text: "改了" } },
    { update_id: 8, channel_post: { message_id: 9, date: 1, chat: { id: -5, type: "channel" }, text: "post" } },
    { update_id: 9, my_chat_member: { chat: chatOf("group") } },
  ),
);

describe("the Telegram update handler under generated updates", () => {
  const { respond } = shippedCore();
  const logger = createLogger("silent");

  it(`handles ${RUNS} generated updates without throwing, answering what it must, escaping what it sends`, async () => {
    let updates = 0;
    let htmlSent = 0;
    await fc.assert(
      fc.asyncProperty(updateArb, async (update) => {
        updates++;
        const { api, calls } = memoryApi();
        const handler = createUpdateHandler({ respond, api, me, logger });
        await handler.handle(update);
        for (const c of calls) {
          if (c.method === "sendMessage" || c.method === "editMessageText") {
            const text = String(c.params.text ?? "");
            if (c.params.parse_mode === "HTML") {
              assertSafeHtml(text);
              htmlSent++;
            }
            else expect(text.length).toBeLessThanOrEqual(4096);
          }
        }
        if (update.callback_query) expect(calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
        if (update.inline_query) expect(calls.filter((c) => c.method === "answerInlineQuery")).toHaveLength(1);
        const m = update.message;
        if (m?.chat.type === "supergroup" && m.text !== undefined && !m.entities && !m.reply_to_message) expect(calls).toEqual([]);
        if (update.edited_message || update.channel_post || update.my_chat_member) expect(calls).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(updates).toBe(RUNS);
    // The HTML checks ran on real traffic, not on an empty set.
    expect(htmlSent).toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
