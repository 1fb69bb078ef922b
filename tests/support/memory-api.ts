/** An in-memory Bot API for the update handler's tests: it records calls and can refuse some. */
import type { TelegramApi, TgMessage } from "../../src/adapters/telegram/bot-api.ts";

/** The bot the handler believes it is. */
export const TEST_BOT = { id: 4242, username: "overdue_test_bot" };

/** One recorded Bot API call. */
export type RecordedCall = { method: string; params: Record<string, unknown> };

/** An API that records calls; `refuse` makes the next matching call throw a Bot API error once. */
export function memoryApi() {
  const calls: RecordedCall[] = [];
  const refusals: Array<{ method: string; error: object }> = [];
  const record = (method: string) => async (params: object) => {
    calls.push({ method, params: params as Record<string, unknown> });
    const i = refusals.findIndex((r) => r.method === method);
    if (i >= 0) throw Object.assign(new Error("refused"), refusals.splice(i, 1)[0]!.error);
    return { message_id: 1, date: 1, chat: { id: 1, type: "private" } } as TgMessage;
  };
  const api: TelegramApi = {
    getMe: async () => ({ id: TEST_BOT.id, is_bot: true, first_name: "bot", username: TEST_BOT.username }),
    sendMessage: record("sendMessage") as TelegramApi["sendMessage"],
    editMessageText: record("editMessageText"),
    answerCallbackQuery: record("answerCallbackQuery"),
    answerInlineQuery: record("answerInlineQuery"),
    setMyCommands: record("setMyCommands"),
    setWebhook: record("setWebhook"),
    deleteWebhook: record("deleteWebhook"),
  };
  const refuse = (method: string, error_code: number, description: string) => refusals.push({ method, error: { error_code, description } });
  return { api, calls, refuse };
}
