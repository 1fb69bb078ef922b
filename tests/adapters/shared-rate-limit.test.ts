/**
 * The shared rate limit's two halves without a server: the telegraf limiter over a counter store
 * behaves like grammY's plugin (same keys, same verdicts, the window's first hit sets the time to
 * live), and the Redis store counts atomically and fails open when Redis is down.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createStoreRateLimiter, RATE_KEY_PREFIX, type CounterStore } from "../../src/adapters/telegram/rate-limit.ts";
import { createLogger } from "../../src/logger.ts";
import { createRedisCounterStore, WARN_EVERY_MS } from "../../src/state/redis.ts";

/** A counter store in memory that records every command. */
function memoryStore() {
  const counts = new Map<string, number>();
  const commands: string[] = [];
  const store: CounterStore = {
    async incr(key) {
      commands.push(`incr ${key}`);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts.get(key)!;
    },
    async pexpire(key, ms) {
      commands.push(`pexpire ${key} ${ms}`);
      return 1;
    },
  };
  return { store, counts, commands };
}

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
  return { lines, logger: createLogger("info", { destination }) };
}

describe("createStoreRateLimiter", () => {
  it("allows `limit` a window, warns once on the next, drops the rest, under the plugin's keys", async () => {
    const { store, commands } = memoryStore();
    const limiter = createStoreRateLimiter({ store, limit: 2, windowMs: 5000 });
    const verdicts = [];
    for (const key of ["42", "42", "42", "42", "7"]) verdicts.push(await limiter.hit(key));
    expect(verdicts).toEqual(["allow", "allow", "exceeded", "blocked", "allow"]);
    expect(commands.slice(0, 3)).toEqual([`incr ${RATE_KEY_PREFIX}42`, `pexpire ${RATE_KEY_PREFIX}42 5000`, `incr ${RATE_KEY_PREFIX}42`]);
    expect(RATE_KEY_PREFIX).toBe("RATE_LIMITER");
  });
});

describe("createRedisCounterStore", () => {
  it("increments and starts the time to live in one script, with the window in milliseconds", async () => {
    const calls: unknown[][] = [];
    const store = createRedisCounterStore({ eval: async (...args) => (calls.push(args), 3) }, { windowMs: 60_000, logger: capture().logger });
    expect(await store.incr("RATE_LIMITER42")).toBe(3);
    expect(calls[0]![0]).toMatch(/INCR[\s\S]*PEXPIRE/);
    expect(calls[0]!.slice(1)).toEqual([1, "RATE_LIMITER42", 60_000]);
    expect(await store.pexpire("RATE_LIMITER42", 60_000)).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it("fails open when Redis is down, warning at most every WARN_EVERY_MS", async () => {
    let t = 0;
    const { lines, logger } = capture();
    const down = { eval: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")) };
    const store = createRedisCounterStore(down, { windowMs: 60_000, logger, now: () => t });
    const limiter = createStoreRateLimiter({ store, limit: 1, windowMs: 60_000 });
    expect([await limiter.hit("1"), await limiter.hit("1"), await limiter.hit("1")]).toEqual(["allow", "allow", "allow"]);
    t = WARN_EVERY_MS;
    await limiter.hit("1");
    expect(lines.map((l) => l["event"])).toEqual(["rate.store_unavailable", "rate.store_unavailable"]);
    expect(lines[0]).toMatchObject({ level: "warn", fail: "open" });
  });
});
