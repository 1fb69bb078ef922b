/** The telegraf adapter's equivalents of grammY's plugins: incoming rate limit, retry, throttle. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "../../src/adapters/telegram/rate-limit.ts";
import { createRetry } from "../../src/adapters/telegram/retry.ts";
import { createThrottle } from "../../src/adapters/telegram/throttle.ts";

const apiError = (error_code: number, retry_after?: number) =>
  Object.assign(new Error(`api ${error_code}`), { code: error_code, description: "x", parameters: retry_after ? { retry_after } : undefined });

describe("createRateLimiter", () => {
  it("allows `limit` messages a window, warns once on the next, drops the rest, and resets", () => {
    let t = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => t });
    expect(["a", "a", "a", "a", "b"].map((k) => limiter.hit(k))).toEqual(["allow", "allow", "exceeded", "blocked", "allow"]);
    t = 1000;
    expect(limiter.hit("a")).toBe("allow");
  });
});

describe("createRetry", () => {
  function run(failures: unknown[], options = { maxRetries: 3, maxDelaySeconds: 30 }) {
    const waits: number[] = [];
    let calls = 0;
    const retry = createRetry({ ...options, sleep: async (ms) => void waits.push(ms) });
    const result = retry(async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return "ok";
    });
    return { result, waits, calls: () => calls };
  }

  it("waits retry_after seconds on 429, then succeeds", async () => {
    const r = run([apiError(429, 3)]);
    await expect(r.result).resolves.toBe("ok");
    expect(r.waits).toEqual([3000]);
  });

  it("backs off exponentially on 5xx and network errors", async () => {
    const network = Object.assign(new Error("socket hang up"), { name: "FetchError", code: "ECONNRESET" });
    const r = run([apiError(502), network, apiError(500)]);
    await expect(r.result).resolves.toBe("ok");
    expect(r.waits).toEqual([1000, 2000, 4000]);
  });

  it("does not retry a 400, a retry_after longer than allowed, or past maxRetries", async () => {
    await expect(run([apiError(400)]).result).rejects.toThrow("api 400");
    await expect(run([apiError(429, 3600)]).result).rejects.toThrow("api 429");
    const many = run([apiError(500), apiError(500), apiError(500), apiError(500), apiError(500)]);
    await expect(many.result).rejects.toThrow("api 500");
    expect(many.calls()).toBe(4);
  });
});

describe("createThrottle", () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  /** Sends to the chats in order and returns when each call started (fake milliseconds). */
  async function startTimes(options: Parameters<typeof createThrottle>[0], chats: number[]) {
    const throttle = createThrottle(options);
    const starts: Array<[number, number]> = [];
    const all = Promise.all(chats.map((chat) => throttle(chat, async () => void starts.push([chat, Date.now()]))));
    await vi.advanceTimersByTimeAsync(120_000);
    await all;
    return (chat: number) => starts.filter(([c]) => c === chat).map(([, t]) => t);
  }

  it("spaces messages to one chat, lets other chats through at once, caps groups per minute", async () => {
    const at = await startTimes({ globalPerSecond: 30, chatGapMs: 1000, groupPerMinute: 2 }, [1, 1, 2, -5, -5, -5]);
    expect(at(1)).toEqual([0, 1000]);
    expect(at(2)).toEqual([0]);
    expect(at(-5)[0]).toBe(0);
    expect(at(-5)[1]).toBe(1000);
    expect(at(-5)[2]).toBeGreaterThanOrEqual(60_000);
  });

  it("caps calls across all chats per second", async () => {
    const at = await startTimes({ globalPerSecond: 3, chatGapMs: 0, groupPerMinute: 20 }, [1, 2, 3, 4]);
    expect([1, 2, 3].map((c) => at(c)[0])).toEqual([0, 0, 0]);
    expect(at(4)[0]).toBeGreaterThanOrEqual(1000);
  });

  it("without a cap across chats, lets every chat through at once but still spaces one chat", async () => {
    const chats = [...Array.from({ length: 2000 }, (_, i) => i + 1), 7];
    const at = await startTimes({ globalPerSecond: Number.POSITIVE_INFINITY, chatGapMs: 1000, groupPerMinute: 20 }, chats);
    expect(chats.slice(0, 2000).every((c) => at(c)[0] === 0)).toBe(true);
    expect(at(7)).toEqual([0, 1000]);
  });

  it("keeps the global cap exact over many windows (the window is a queue that gets compacted)", async () => {
    const chats = Array.from({ length: 350 }, (_, i) => i + 1);
    const at = await startTimes({ globalPerSecond: 100, chatGapMs: 1000, groupPerMinute: 20 }, chats);
    const starts = chats.map((c) => at(c)[0]!);
    const perSecond = [0, 1, 2, 3].map((s) => starts.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length);
    expect(perSecond).toEqual([100, 100, 100, 50]);
  });
});
