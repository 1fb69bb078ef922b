/**
 * Many instances: two bot processes in webhook mode behind one webhook URL (the test plays the
 * load balancer and alternates between them) share the per-user rate limit through one real
 * redis-server. A user whose RATE_LIMIT + 1 messages are split across both instances gets the
 * calm "slow down" once the shared limit is passed — neither instance alone saw that many. When
 * Redis goes away, they keep answering (counting fails open) and still stop cleanly.
 * Skipped only when redis-server is not installed (`.ci/run` installs it).
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/dialogue/messages.ts";
import { RATE_KEY_PREFIX } from "../../src/adapters/telegram/rate-limit.ts";
import { spawnBot, TEST_TOKEN, unlessExited, type BotProcess } from "../support/bot-process.ts";
import { sentTo } from "../support/e2e-session.ts";
import { FAKE_BOT, startFakeBotApi, type FakeBotApi, type Json } from "../support/fake-bot-api.ts";
import { hasRedisServer, startRedisServer, type RedisServer } from "../support/redis-server.ts";
import { groupText, newGroup, newUser, privateText } from "../support/updates.ts";

const RATE_LIMIT = 3;
const WINDOW_MS = 60_000;
const SECRET = "shared-webhook-secret_123";
const PUBLIC_URL = "https://bot.example.test/telegram/hook";
const QUESTION = "花呗逾期了会上门催收吗";

const redisInstalled = hasRedisServer();

describe.skipIf(!redisInstalled).each([["grammy"], ["telegraf"]] as const)("two %s instances behind one webhook, sharing Redis", (framework) => {
  let redis: RedisServer;
  let fake: FakeBotApi;
  const instances: Array<{ bot: BotProcess; base: string }> = [];
  let nextUpdateId = 500_000;

  beforeAll(async () => {
    redis = await startRedisServer();
    fake = await startFakeBotApi(TEST_TOKEN);
    const env = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      BOT_FRAMEWORK: framework,
      LOG_LEVEL: "info",
      WEBHOOK_URL: PUBLIC_URL,
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      REDIS_URL: redis.url,
      RATE_LIMIT: String(RATE_LIMIT),
      RATE_WINDOW_MS: String(WINDOW_MS),
    };
    const bots = [spawnBot(env), spawnBot(env)];
    for (const bot of bots) {
      const started = await unlessExited(bot, bot.waitForLog((l) => l["event"] === "bot.started", 45_000));
      expect(started["rate_limit_store"]).toBe("redis");
      instances.push({ bot, base: `http://127.0.0.1:${String(started["port"])}` });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map(({ bot }) => bot.stop("SIGTERM")));
    await fake?.close();
    await redis?.stop();
  });

  /** Posts an update to one instance, as the load balancer would, and waits for its 200. */
  async function deliver(instance: number, update: Json): Promise<void> {
    const res = await fetch(`${instances[instance]!.base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({ update_id: ++nextUpdateId, ...update }),
    });
    expect(res.status).toBe(200);
  }

  it("tells a user to slow down once their messages across both instances pass the shared limit", async () => {
    const user = newUser();
    const since = fake.calls.length;
    // RATE_LIMIT questions, alternating instances (one group each, so outbound throttling stays out of the way).
    const groups = Array.from({ length: RATE_LIMIT }, () => newGroup());
    for (const [i, group] of groups.entries()) {
      await deliver(i % 2, groupText(group, user, `/ask@${FAKE_BOT.username} ${QUESTION}`));
    }
    await Promise.all(groups.map((g) => fake.waitFor(sentTo(g), { since })));
    // Message RATE_LIMIT + 1 goes to the instance that has seen only RATE_LIMIT / 2 of them.
    await deliver(RATE_LIMIT % 2, privateText(user, QUESTION));
    const calm = await fake.waitFor(sentTo(user), { since });
    expect(calm.payload["text"]).toBe(MESSAGES.rateLimited);

    // Beyond that, nothing for the rest of the window on either instance; another user is answered.
    const after = fake.calls.length;
    await deliver(0, privateText(user, QUESTION));
    await deliver(1, privateText(user, QUESTION));
    const other = newUser();
    await deliver(1, privateText(other, QUESTION));
    await fake.waitFor(sentTo(other), { since: after });
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.callsOf("sendMessage", after).filter((c) => c.payload["chat_id"] === user)).toEqual([]);

    // The shared counter lives in Redis and expires with the window (never a counter that blocks for good).
    const client = new Redis(redis.url);
    try {
      expect(Number(await client.get(`${RATE_KEY_PREFIX}${user}`))).toBe(RATE_LIMIT + 3);
      const ttl = await client.pttl(`${RATE_KEY_PREFIX}${user}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
    } finally {
      client.disconnect();
    }
    for (const { bot } of instances) expect(bot.child.exitCode).toBeNull();
  });

  it("keeps answering when Redis goes away: counting fails open, with a warning", async () => {
    await redis.stop();
    const user = newUser();
    const since = fake.calls.length;
    await deliver(0, privateText(user, QUESTION));
    const answer = await fake.waitFor(sentTo(user), { since });
    expect(answer.payload["text"]).toContain("上门外访");
    await instances[0]!.bot.waitForLog((l) => l["event"] === "rate.store_unavailable");
  });

  it("both instances stop cleanly on SIGTERM, closing their Redis connections", async () => {
    const codes = await Promise.all(instances.map(({ bot }) => bot.stop("SIGTERM")));
    expect(codes.map((c) => c.code)).toEqual([0, 0]);
  });
});
