/**
 * Start-up failures, as `npm start` meets them: a token the Bot API refuses stops the bot with
 * exit 1 and a message that says what to fix, and that never contains the token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnBot, TEST_TOKEN } from "../support/bot-process.ts";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.ts";

const REFUSED_TOKEN = "654321:REFUSED-token-bbbbbbbbbbbbbbbbbbbb";

describe.each(["grammy", "telegraf"] as const)("Telegram via %s, start-up", (framework) => {
  let fake: FakeBotApi;
  beforeAll(async () => void (fake = await startFakeBotApi(TEST_TOKEN)));
  afterAll(() => fake?.close());

  it("stops with exit 1 and names TELEGRAM_BOT_TOKEN when the token is refused, without printing it", async () => {
    const bot = spawnBot({ TELEGRAM_BOT_TOKEN: REFUSED_TOKEN, TELEGRAM_API_ROOT: fake.url, BOT_FRAMEWORK: framework, LOG_LEVEL: "info" });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr()).toContain("TelegramStartError");
    expect(bot.stderr()).toContain("TELEGRAM_BOT_TOKEN");
    const output = bot.stderr() + bot.stdout();
    expect(output).not.toContain(REFUSED_TOKEN);
    expect(output).not.toContain(REFUSED_TOKEN.split(":")[1]);
  }, 30_000);
});
