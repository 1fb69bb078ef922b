/**
 * One end-to-end session: the fake Bot API plus the bot process started against it, and the
 * small vocabulary the suites speak (send an update, wait for the call it causes, check silence).
 */
import { spawnBot, TEST_TOKEN, unlessExited, type BotProcess } from "./bot-process.ts";
import { startFakeBotApi, type ApiCall, type FakeBotApi, type FakeBotApiOptions, type Json } from "./fake-bot-api.ts";

/** A running fake plus bot. */
export interface Session {
  fake: FakeBotApi;
  bot: BotProcess;
  /** Queues an update and resolves with the first call after it that matches. */
  exchange(update: Json, match: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Waits for a matching call from `since` on, failing fast if the bot dies. */
  waitFor(match: (call: ApiCall) => boolean, since: number, timeoutMs?: number): Promise<ApiCall>;
  /** The `sendMessage` calls to a chat from `since` on, after a short grace period. */
  sendsTo(chatId: number, since: number): Promise<ApiCall[]>;
  /** Kills the bot (if still running) and closes the fake. */
  close(): Promise<void>;
}

/** Matches `sendMessage` calls to a chat. */
export const sentTo = (chatId: number) => (c: ApiCall) => c.method === "sendMessage" && c.payload["chat_id"] === chatId;

/** The inline keyboard's buttons of a call, flattened. */
export const buttonsOf = (call: ApiCall): Json[] => (call.payload["reply_markup"]?.inline_keyboard ?? []).flat();

/** Long enough for a reply that would be sent to have been sent. */
const GRACE_MS = 150;

/**
 * Starts the fake and the bot (`tsx src/main.ts`) with the test token and the given environment,
 * and resolves once the bot made the call `ready` waits for (getUpdates, setWebhook …).
 */
export async function startSession(env: Record<string, string>, ready: string, fakeOptions: FakeBotApiOptions = {}): Promise<Session> {
  const fake = await startFakeBotApi(TEST_TOKEN, fakeOptions);
  const bot = spawnBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.url, ...env });
  await unlessExited(bot, fake.waitFor((c) => c.method === ready, { timeoutMs: 45_000 }));
  const waitFor = (match: (call: ApiCall) => boolean, since: number, timeoutMs?: number) =>
    unlessExited(bot, fake.waitFor(match, { since, timeoutMs }));
  return {
    fake,
    bot,
    waitFor,
    exchange(update, match, timeoutMs) {
      const since = fake.calls.length;
      fake.push(update);
      return waitFor(match, since, timeoutMs);
    },
    async sendsTo(chatId, since) {
      await new Promise((r) => setTimeout(r, GRACE_MS));
      return fake.callsOf("sendMessage", since).filter((c) => c.payload["chat_id"] === chatId);
    },
    async close() {
      await bot.stop("SIGKILL");
      await fake.close();
    },
  };
}
