/**
 * The shared Telegram conversation against an in-memory Bot API: what is sent, edited or
 * answered for each kind of update, and how Telegram's refusals are handled.
 */
import { describe, expect, it } from "vitest";
import type { TgMessage, TgUpdate } from "../../src/adapters/telegram/bot-api.ts";
import { createUpdateHandler } from "../../src/adapters/telegram/handle-update.ts";
import { MESSAGES } from "../../src/dialogue/messages.ts";
import { createLogger } from "../../src/logger.ts";
import { memoryApi, TEST_BOT } from "../support/memory-api.ts";
import { shippedCore } from "../support/shipped.ts";

const me = TEST_BOT;
const QUESTION = "花呗逾期了会上门催收吗";

function setup() {
  const { api, calls, refuse } = memoryApi();
  const handler = createUpdateHandler({ respond: shippedCore().respond, api, me, logger: createLogger("silent") });
  return { handler, calls, refuse };
}

const privateMessage = (text: string): TgUpdate => ({
  update_id: 1,
  message: { message_id: 10, date: 1, chat: { id: 7, type: "private" }, from: { id: 7, is_bot: false, first_name: "u" }, text },
});
const botMessage = (text: string): TgMessage => ({
  message_id: 20, date: 1, chat: { id: 7, type: "private" }, from: { id: me.id, is_bot: true, first_name: "bot" }, text,
});
const press = (data: string, message: TgMessage = botMessage("主菜单")): TgUpdate => ({
  update_id: 2,
  callback_query: { id: "cb", from: { id: 7, is_bot: false, first_name: "u" }, data, message },
});

describe("createUpdateHandler", () => {
  it("sends an answer as HTML with its keyboard and no link previews", async () => {
    const { handler, calls } = setup();
    await handler.handle(privateMessage(QUESTION));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ chat_id: 7, parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(String(calls[0]!.params["text"])).toContain("上门外访");
  });

  it("falls back to plain text when Telegram cannot parse the HTML", async () => {
    const { handler, calls, refuse } = setup();
    refuse("sendMessage", 400, "Bad Request: can't parse entities: unexpected end tag");
    await handler.handle(privateMessage(QUESTION));
    expect(calls.map((c) => c.params["parse_mode"])).toEqual(["HTML", undefined]);
    expect(String(calls[1]!.params["text"])).not.toContain("<b>");
  });

  it("lets other refusals through to the framework's catch", async () => {
    const { handler, refuse } = setup();
    refuse("sendMessage", 403, "Forbidden: bot was blocked by the user");
    await expect(handler.handle(privateMessage(QUESTION))).rejects.toThrow("refused");
  });

  it("answers the callback first, then edits a menu in place", async () => {
    const { handler, calls } = setup();
    await handler.handle(press("v1:m:stage_visit"));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(calls[1]!.params).toMatchObject({ chat_id: 7, message_id: 20 });
  });

  it("sends the menu as a new message when the pressed message is an answer (the answer stays)", async () => {
    const { handler, calls } = setup();
    await handler.handle(press("v1:m:main", botMessage(`答案……\n${MESSAGES.disclaimer}`)));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
  });

  it("ignores 'message is not modified' and sends anew when the message cannot be edited", async () => {
    const same = setup();
    same.refuse("editMessageText", 400, "Bad Request: message is not modified");
    await same.handler.handle(press("v1:m:main"));
    expect(same.calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "editMessageText"]);

    const gone = setup();
    gone.refuse("editMessageText", 400, "Bad Request: message to edit not found");
    await gone.handler.handle(press("v1:m:main"));
    expect(gone.calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "editMessageText", "sendMessage"]);
  });

  it("answers forged callback data with 菜单已更新", async () => {
    const { handler, calls } = setup();
    await handler.handle(press("v1:i:no_such_intent"));
    expect(String(calls[1]!.params["text"])).toContain(MESSAGES.menuChanged);
  });

  it("after a failure, tells the user calmly and never throws, even if that fails too", async () => {
    const { handler, calls, refuse } = setup();
    await handler.failed(privateMessage(QUESTION), new Error("boom"));
    expect(calls).toEqual([{ method: "sendMessage", params: { chat_id: 7, text: MESSAGES.internalError } }]);
    refuse("sendMessage", 403, "Forbidden: bot was blocked by the user");
    await expect(handler.failed(privateMessage(QUESTION), new Error("boom"))).resolves.toBeUndefined();
  });

  it("tells a rate-limited user by message, or on the button for a button press", async () => {
    const { handler, calls } = setup();
    await handler.rateLimited(privateMessage(QUESTION));
    await handler.rateLimited(press("v1:m:main"));
    expect(calls).toEqual([
      { method: "sendMessage", params: { chat_id: 7, text: MESSAGES.rateLimited } },
      { method: "answerCallbackQuery", params: { callback_query_id: "cb", text: MESSAGES.rateLimited } },
    ]);
  });

  it("answers an inline query of two questions with both answers first", async () => {
    const { handler, calls } = setup();
    const query = "hb逾期三个月了会上征信吗？会不会被起诉？";
    await handler.handle({ update_id: 3, inline_query: { id: "q", from: { id: 7, is_bot: false, first_name: "u" }, query } });
    expect(calls[0]!.method).toBe("answerInlineQuery");
    const results = calls[0]!.params["results"] as Array<{ id: string; input_message_content: { message_text: string } }>;
    expect(results.slice(0, 2).map((r) => r.id)).toEqual(["credit_huabei_reported", "suit_will_they_sue"]);
    // The line pointing to buttons is not in an article, which has none.
    expect(results[0]!.input_message_content.message_text).not.toContain(MESSAGES.otherQuestions);
  });

  it("offers an empty inline query a button into the private chat, and no articles", async () => {
    const { handler, calls } = setup();
    await handler.handle({ update_id: 3, inline_query: { id: "q", from: { id: 7, is_bot: false, first_name: "u" }, query: " " } });
    expect(calls[0]!.params).toMatchObject({ results: [], button: { text: MESSAGES.inlineEmptyTitle, start_parameter: "inline" } });
  });
});
