/**
 * A per-user limit on incoming messages, for the telegraf adapter; the grammY adapter uses
 * `@grammyjs/ratelimiter`, and this behaves the same: a fixed window per key, the first message
 * over the limit is told to slow down (once a window), later ones are dropped silently.
 *
 * With several instances the count must be shared: {@link createStoreRateLimiter} counts in a
 * {@link CounterStore} (Redis) under the same keys and with the same logic as the grammY
 * plugin's Redis store, so grammY and telegraf instances even share one limit.
 */

/** What to do with one incoming message. */
export type RateVerdict = "allow" | "exceeded" | "blocked";

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Messages allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Clock (tests pass a fake). */
  now?: (() => number) | undefined;
}

/** A per-key message counter. */
export interface RateLimiter {
  /** Counts one message from `key` and says whether to handle it. */
  hit(key: string): RateVerdict | Promise<RateVerdict>;
}

/**
 * A shared counter: the two commands `@grammyjs/ratelimiter`'s Redis store calls, so one object
 * serves as its `storageClient` and as the telegraf limiter's store. `incr` adds one and returns
 * the new count; `pexpire` sets the key's time to live.
 */
export interface CounterStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** Prefix of the counter keys; `@grammyjs/ratelimiter`'s default, so both frameworks count alike. */
export const RATE_KEY_PREFIX = "RATE_LIMITER";

/** The verdict for the `count`-th message of a window. */
const verdictOf = (count: number, limit: number): RateVerdict =>
  count <= limit ? "allow" : count === limit + 1 ? "exceeded" : "blocked";

/** Creates an in-memory rate limiter (one per process; see the README for many instances). */
export function createRateLimiter({ limit, windowMs, now = Date.now }: RateLimiterOptions): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = now() + windowMs;
  return {
    hit(key) {
      const t = now();
      if (t >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextSweep = t + windowMs;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return verdictOf(w.count, limit);
    },
  };
}

/** Options of {@link createStoreRateLimiter}. */
export interface StoreRateLimiterOptions {
  /** Where the counts live (Redis, shared by every instance). */
  store: CounterStore;
  /** Messages allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/**
 * Creates a rate limiter counting in a shared store: the first message of a window starts the
 * key's time to live, exactly as `@grammyjs/ratelimiter`'s `RedisStore` does.
 * @example
 * const limiter = createStoreRateLimiter({ store: createRedisCounterStore(redis, options), limit: 20, windowMs: 60_000 });
 * if ((await limiter.hit(String(userId))) === "allow") await next();
 */
export function createStoreRateLimiter({ store, limit, windowMs }: StoreRateLimiterOptions): RateLimiter {
  return {
    async hit(key) {
      const count = await store.incr(RATE_KEY_PREFIX + key);
      if (count === 1) await store.pexpire(RATE_KEY_PREFIX + key, windowMs);
      return verdictOf(count, limit);
    },
  };
}
