/**
 * Connections to the Bot API are kept alive, but retired before the server closes them. A call
 * written on a connection the server is closing fails with a network error and waits for a retry
 * (3 s with grammY's auto-retry), so a reply goes out late; the bench saw it in seven of 48
 * grammY bursts. The fake here closes idle connections after 2 s and says so in its
 * `Keep-Alive: timeout=2` header: the bot must have closed its own after 1 s, well before.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTo, startSession, type Session } from "../support/e2e-session.ts";
import { newUser, privateText } from "../support/updates.ts";

const SECRET = "webhook-secret-for-tests_123";
const HOOK_PATH = "/telegram/hook";
const SERVER_KEEP_ALIVE_MS = 2_000;

describe.each(["grammy", "telegraf"] as const)("Telegram via %s: connections to the Bot API", (framework) => {
  let s: Session;
  let base: string;

  beforeAll(async () => {
    const env = { BOT_FRAMEWORK: framework, LOG_LEVEL: "info", WEBHOOK_URL: `https://bot.example.test${HOOK_PATH}`, WEBHOOK_SECRET: SECRET, PORT: "0", HOST: "127.0.0.1" };
    s = await startSession(env, "setWebhook", { keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS });
    const started = await s.bot.waitForLog((l) => l["event"] === "bot.started");
    base = `http://127.0.0.1:${String(started["port"])}`;
  }, 60_000);
  afterAll(() => s?.close());

  it("are reused while busy and closed by the bot once idle, before the server's keep-alive runs out", async () => {
    const users = Array.from({ length: 5 }, () => newUser());
    const since = s.fake.calls.length;
    await Promise.all(
      users.map((user, i) =>
        fetch(`${base}${HOOK_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify({ update_id: 70_000 + i, ...privateText(user, "花呗逾期了会上门催收吗") }),
        }),
      ),
    );
    for (const user of users) await s.waitFor(sentTo(user), since);
    // Kept alive: the connections are still open once every reply has been answered.
    expect(await s.fake.openConnections()).toBeGreaterThan(0);
    // 1.6 s of quiet: past the bot's limit (1 s before the server's hint), short of the server's 2 s.
    await sleep(SERVER_KEEP_ALIVE_MS - 400);
    expect(await s.fake.openConnections()).toBe(0);
  });
});
