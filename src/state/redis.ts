/**
 * Redis for state shared between instances: today only the per-user rate-limit counters. The only
 * module that imports ioredis; `main.ts` connects when `REDIS_URL` is set and hands the adapters
 * a {@link CounterStore}, which they use exactly like `@grammyjs/ratelimiter`'s Redis store.
 *
 * Two choices keep a Redis problem from becoming the users' problem:
 * - `incr` starts the window's time to live in the same atomic step (a Lua script), so a crash
 *   between the two commands can never leave a counter that blocks a user for good;
 * - when Redis is unreachable or slow, counting fails open (the message is handled, a warning is
 *   logged at most every {@link WARN_EVERY_MS}): a frightened user is answered rather than refused.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { CounterStore } from "../adapters/telegram/rate-limit.ts";
import { describeError } from "../logger.ts";

/** Thrown at start-up when `REDIS_URL` is set but Redis cannot be reached. */
export class RedisConnectError extends Error {
  override readonly name = "RedisConnectError";

  constructor(cause: unknown) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.+$/, "");
    super(`Could not connect to Redis (REDIS_URL): ${reason}. Check that Redis runs and the URL is right, or unset REDIS_URL to count in memory.`);
  }
}

/** The slice of an ioredis client the counter store uses (tests pass a fake). */
export interface RedisScripting {
  eval(script: string, numberOfKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** Options of {@link createRedisCounterStore}. */
export interface RedisCounterStoreOptions {
  /** The rate-limit window: the time to live a new counter gets. */
  windowMs: number;
  logger: Logger;
  /** Clock for the warning throttle (tests pass a fake). */
  now?: (() => number) | undefined;
}

/** A failing Redis is reported at most this often. */
export const WARN_EVERY_MS = 30_000;
/** Longest a counter may take before the message is handled anyway. */
const COMMAND_TIMEOUT_MS = 1000;

/** INCR, and on the window's first hit PEXPIRE, as one atomic step. */
const INCR_WITH_TTL = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Connects to Redis and resolves once it answers; ioredis reconnects on its own afterwards.
 * @param url the `REDIS_URL` (`redis://[:password@]host:port[/db]`)
 * @throws RedisConnectError when Redis cannot be reached at start-up
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Reconnect quickly, then every two seconds at most.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastWarning = 0;
  let lastError: unknown;
  client.on("error", (error: unknown) => {
    lastError = error;
    if (Date.now() - lastWarning < WARN_EVERY_MS) return;
    lastWarning = Date.now();
    logger.warn({ event: "redis.error", err: describeError(error) });
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    // "Connection is closed" says less than the socket error that closed it.
    throw new RedisConnectError(lastError ?? error);
  }
  return client;
}

/**
 * Closes the connection on shutdown: a polite QUIT when Redis answers, a hard disconnect when it
 * does not within a second (a QUIT to an unreachable Redis would wait for a reconnection).
 */
export async function closeRedis(client: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)));
  try {
    await Promise.race([client.quit().then(() => undefined), gaveUp]);
  } catch {
    // Already gone: nothing to close politely.
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * The rate-limit counters in Redis, shared by every instance, failing open.
 * @param client a connected ioredis client (or anything with `eval`)
 * @example
 * const redis = await connectRedis(config.redisUrl, logger);
 * const store = createRedisCounterStore(redis, { windowMs: config.rateLimit.windowMs, logger });
 */
export function createRedisCounterStore(client: RedisScripting, options: RedisCounterStoreOptions): CounterStore {
  const { windowMs, logger, now = Date.now } = options;
  let lastWarning = -Infinity;
  const failedOpen = (error: unknown): number => {
    if (now() - lastWarning >= WARN_EVERY_MS) {
      lastWarning = now();
      logger.warn({ event: "rate.store_unavailable", fail: "open", err: describeError(error) });
    }
    // 0 is below any limit and is not the window's first hit: the message is handled, nothing expires.
    return 0;
  };
  return {
    async incr(key) {
      try {
        return Number(await client.eval(INCR_WITH_TTL, 1, key, windowMs));
      } catch (error) {
        return failedOpen(error);
      }
    },
    // `incr` already set the time to live atomically; the grammY plugin calls this after it, so it is a no-op.
    async pexpire() {
      return 1;
    },
  };
}
