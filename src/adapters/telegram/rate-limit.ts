/**
 * A per-user limit on incoming messages, for the telegraf adapter; the grammY adapter uses
 * `@grammyjs/ratelimiter`, and this behaves the same: a fixed window per key, the first message
 * over the limit is told to slow down (once a window), later ones are dropped silently.
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
  hit(key: string): RateVerdict;
}

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
      if (w.count <= limit) return "allow";
      return w.count === limit + 1 ? "exceeded" : "blocked";
    },
  };
}
