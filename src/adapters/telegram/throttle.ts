/**
 * Outbound throttling to Telegram's limits, for both adapters (a transformer on grammY's API, a
 * wrapper around telegraf's callApi). It mirrors `@grammyjs/transformer-throttler`'s defaults:
 * about 30 calls a second in total, one message a second per chat, at most 20 a minute per
 * group. That plugin was measured and dropped: it builds a Bottleneck limiter for every chat,
 * which doubled the CPU an update costs.
 */

/** Options of {@link createThrottle}. */
export interface ThrottleOptions {
  /** Calls per second across all chats (infinite: no cap across chats). */
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
  /** Start times in the current window, oldest first, from `head` on (a queue without shifting). */
  recent: number[];
  head: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a throttle; one per bot. */
export function createThrottle(options: ThrottleOptions = TELEGRAM_LIMITS): Throttle {
  const { globalPerSecond, chatGapMs, groupPerMinute, now = Date.now, sleep = defaultSleep } = options;
  const global: Lane = { tail: Promise.resolve(), last: 0, recent: [], head: 0 };
  const lanes = new Map<string, Lane>();

  /**
   * Waits in the lane until `windowMs` has room for one more, then records the start. Without a
   * window limit (`perWindow` infinite: private chats) only the gap counts and no starts are kept.
   * The window is a queue read from `head`, so a busy lane (the global one holds up to
   * `globalPerSecond` starts) costs O(1) per call instead of copying the window every time.
   */
  function enter(lane: Lane, gapMs: number, perWindow: number, windowMs: number): Promise<void> {
    const counted = perWindow !== Number.POSITIVE_INFINITY;
    const record = () => {
      lane.last = now();
      if (counted) lane.recent.push(lane.last);
    };
    const turn = lane.tail.then(() => {
      const t = now();
      let wait = lane.last + gapMs - t;
      if (counted) {
        const { recent } = lane;
        while (lane.head < recent.length && recent[lane.head]! <= t - windowMs) lane.head++;
        if (lane.head > 64 && lane.head * 2 > recent.length) {
          recent.splice(0, lane.head);
          lane.head = 0;
        }
        if (recent.length - lane.head >= perWindow) wait = Math.max(wait, recent[lane.head]! + windowMs - t);
      }
      if (wait > 0) return sleep(wait).then(record);
      record();
      return undefined;
    });
    lane.tail = turn;
    return turn;
  }

  // Without a cap across chats the global lane is skipped: it would only serialise the calls.
  const enterGlobal =
    globalPerSecond === Number.POSITIVE_INFINITY ? () => undefined : () => enter(global, 0, globalPerSecond, 1000);
  /** Idle lanes are dropped once the map holds more than this many. */
  let sweepAbove = MIN_SWEEP_ABOVE;

  return async function throttle<T>(chatId: number | string | undefined, call: () => Promise<T>): Promise<T> {
    if (chatId !== undefined) {
      const key = String(chatId);
      const isGroup = key.startsWith("-") || key.startsWith("@");
      let lane = lanes.get(key);
      if (!lane) {
        lane = { tail: Promise.resolve(), last: -Infinity, recent: [], head: 0 };
        lanes.set(key, lane);
      }
      await enter(lane, chatGapMs, isGroup ? groupPerMinute : Number.POSITIVE_INFINITY, 60_000);
      if (lanes.size > sweepAbove) {
        forgetIdle(lanes, now() - 60_000);
        // With more than 10,000 chats active in a minute, sweeping on every call would cost a
        // scan of all of them per message; sweep again only once the map has doubled.
        sweepAbove = Math.max(MIN_SWEEP_ABOVE, lanes.size * 2);
      }
    }
    await enterGlobal();
    return call();
  };
}

/** Lanes kept before idle ones are dropped (the threshold grows while more chats than this are active). */
const MIN_SWEEP_ABOVE = 10_000;

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
