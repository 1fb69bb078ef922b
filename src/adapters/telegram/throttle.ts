/**
 * Outbound throttling to Telegram's limits, for both adapters (a transformer on grammY's API, a
 * wrapper around telegraf's callApi). It mirrors `@grammyjs/transformer-throttler`'s defaults:
 * about 30 calls a second in total, one message a second per chat, at most 20 a minute per
 * group. That plugin was measured and dropped: it builds a Bottleneck limiter for every chat,
 * which doubled the CPU an update costs.
 */

/** Options of {@link createThrottle}. */
export interface ThrottleOptions {
  /** Calls per second across all chats. */
  globalPerSecond: number;
  /** Minimum gap between two messages to the same chat, in milliseconds. */
  chatGapMs: number;
  /** Messages per minute to one group. */
  groupPerMinute: number;
  /** Clock and timer (tests pass fakes). */
  now?: (() => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Runs a call once the chat (or, without a chat, the bot as a whole) may send again. */
export type Throttle = <T>(chatId: number | string | undefined, call: () => Promise<T>) => Promise<T>;

/** Telegram's published limits. */
export const TELEGRAM_LIMITS: ThrottleOptions = { globalPerSecond: 30, chatGapMs: 1000, groupPerMinute: 20 };

interface Lane {
  tail: Promise<void>;
  last: number;
  recent: number[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a throttle; one per bot. */
export function createThrottle(options: ThrottleOptions = TELEGRAM_LIMITS): Throttle {
  const { globalPerSecond, chatGapMs, groupPerMinute, now = Date.now, sleep = defaultSleep } = options;
  const global: Lane = { tail: Promise.resolve(), last: 0, recent: [] };
  const lanes = new Map<string, Lane>();

  /** Waits in the lane until `windowMs` has room for one more, then records the start. */
  function enter(lane: Lane, gapMs: number, perWindow: number, windowMs: number): Promise<void> {
    const turn = lane.tail.then(async () => {
      const t = now();
      lane.recent = lane.recent.filter((s) => s > t - windowMs);
      let wait = lane.last + gapMs - t;
      if (lane.recent.length >= perWindow) wait = Math.max(wait, lane.recent[0]! + windowMs - t);
      if (wait > 0) await sleep(wait);
      lane.last = now();
      lane.recent.push(lane.last);
    });
    lane.tail = turn;
    return turn;
  }

  const enterGlobal = () => enter(global, 0, globalPerSecond, 1000);

  return async function throttle<T>(chatId: number | string | undefined, call: () => Promise<T>): Promise<T> {
    if (chatId !== undefined) {
      const key = String(chatId);
      const isGroup = key.startsWith("-") || key.startsWith("@");
      let lane = lanes.get(key);
      if (!lane) {
        lane = { tail: Promise.resolve(), last: -Infinity, recent: [] };
        lanes.set(key, lane);
      }
      await enter(lane, chatGapMs, isGroup ? groupPerMinute : Number.POSITIVE_INFINITY, 60_000);
      if (lanes.size > 10_000) forgetIdle(lanes, now() - 60_000);
    }
    await enterGlobal();
    return call();
  };
}

/** Drops lanes that have been idle for a minute, so the map does not grow without bound. */
function forgetIdle(lanes: Map<string, Lane>, before: number): void {
  for (const [key, lane] of lanes) if (lane.last < before) lanes.delete(key);
}

/** The chat a Bot API call goes to (its `chat_id`), which picks the throttle's lane. */
export function chatIdOf(payload: unknown): number | string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const id = (payload as Record<string, unknown>)["chat_id"];
  return typeof id === "number" || typeof id === "string" ? id : undefined;
}
