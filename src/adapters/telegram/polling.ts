/**
 * Long polling, framework-free and the same for grammY and telegraf. Telegram forgets an update
 * only when a later `getUpdates` carries an offset past it, so the loop asks for the next batch
 * only after every update of the current one has been handled: a process that dies mid-update
 * gets that update again when it (or another instance) polls next. Stopping aborts the pending
 * `getUpdates`, lets the batch in flight finish, then confirms it with one last call.
 *
 * Within a batch, updates from different chats run concurrently and updates from the same chat
 * run in order, so one slow reply (Telegram answering 429 or 5xx) never holds up everyone else
 * and no user sees their answers swapped.
 */
import type { Logger } from "pino";
import { describeError } from "../../logger.ts";
import { apiFailureOf } from "./api-errors.ts";
import { ALLOWED_UPDATES, type TgUpdate } from "./bot-api.ts";

/** `getUpdates` parameters. */
export interface GetUpdatesParams {
  /** First update id wanted; every update before it is confirmed (Telegram drops it). */
  offset: number;
  /** Seconds Telegram may hold the request open waiting for updates (0: answer at once). */
  timeout: number;
  /** At most this many updates (1 to 100). */
  limit?: number | undefined;
  allowed_updates?: readonly string[] | undefined;
}

/** One `getUpdates` call without retries (the loop does the retrying); aborted through `signal`. */
export type GetUpdates = (params: GetUpdatesParams, signal: AbortSignal) => Promise<TgUpdate[]>;

/** Options of {@link createPollingLoop}. */
export interface PollingLoopOptions {
  getUpdates: GetUpdates;
  /** Handles one update; whatever it throws is logged and the update counts as handled. */
  handleUpdate(update: TgUpdate): Promise<void>;
  logger: Logger;
  /** Long-polling timeout in seconds (default 30). */
  timeoutSeconds?: number | undefined;
  /** First wait after a 5xx or a network failure, in milliseconds; doubles up to {@link MAX_BACKOFF_MS}. */
  initialBackoffMs?: number | undefined;
  /** How to wait (tests pass a fake); must reject or resolve early when `signal` aborts. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

/** A running polling loop. */
export interface PollingLoop {
  /** Settles when the loop has ended: after {@link stop}, or rejected when polling failed for good. */
  readonly done: Promise<void>;
  /** Stops asking for updates; resolves once the batch in flight is handled and confirmed. */
  stop(): Promise<void>;
}

/** Longest wait between two failed `getUpdates` calls (429 waits as long as Telegram says). */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Thrown when polling cannot go on: the token was revoked or is unknown (401, 404), or another
 * consumer of the same token took over (409: a second polling process, or a webhook was set).
 */
export class PollingFailedError extends Error {
  override readonly name = "PollingFailedError";
  /** The Bot API error code. */
  readonly code: number;

  constructor(code: number, description: string) {
    super(`Long polling stopped: Telegram answered ${code} (${description}).`);
    this.code = code;
  }
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/** The chat an update belongs to, for ordering; updates without one run on their own. */
function laneOf(update: TgUpdate): string {
  const chat = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
  if (chat !== undefined) return `c${chat}`;
  const from = update.callback_query?.from.id ?? update.inline_query?.from.id;
  return from !== undefined ? `u${from}` : `x${update.update_id}`;
}

/** Starts long polling and returns at once; the loop runs until stopped or failed. */
export function createPollingLoop(options: PollingLoopOptions): PollingLoop {
  const { getUpdates, handleUpdate, logger, timeoutSeconds = 30, initialBackoffMs = 500, sleep = abortableSleep } = options;
  const controller = new AbortController();
  const signal = controller.signal;
  /** The offset Telegram has been told: everything below it is confirmed. */
  let confirmed = 0;
  /** One past the last handled update: confirmed by the next `getUpdates`. */
  let offset = 0;

  async function handleOne(update: TgUpdate): Promise<void> {
    try {
      await handleUpdate(update);
    } catch (error) {
      // The framework's error handler already answered the user where it could; never stop polling.
      logger.error({ event: "update.unhandled", update_id: update.update_id, err: describeError(error) });
    }
  }

  async function handleBatch(updates: TgUpdate[]): Promise<void> {
    const lanes = new Map<string, TgUpdate[]>();
    for (const update of updates) {
      const key = laneOf(update);
      lanes.set(key, [...(lanes.get(key) ?? []), update]);
    }
    await Promise.all(
      [...lanes.values()].map(async (lane) => {
        for (const update of lane) await handleOne(update);
      }),
    );
  }

  /** Fetches the next batch, retrying until it arrives or the loop is stopped (`undefined`). */
  async function fetchBatch(): Promise<TgUpdate[] | undefined> {
    let backoff = initialBackoffMs;
    for (;;) {
      if (signal.aborted) return undefined;
      try {
        const updates = await getUpdates({ offset, timeout: timeoutSeconds, allowed_updates: ALLOWED_UPDATES }, signal);
        confirmed = offset;
        return updates;
      } catch (error) {
        if (signal.aborted) return undefined;
        const failure = apiFailureOf(error);
        if (failure && (failure.code === 401 || failure.code === 404 || failure.code === 409)) {
          throw new PollingFailedError(failure.code, failure.description);
        }
        let waitMs = backoff;
        if (failure?.retryAfter !== undefined) waitMs = failure.retryAfter * 1000;
        else backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        logger.warn({ event: "polling.retry", wait_ms: waitMs, err: describeError(error) });
        await sleep(waitMs, signal);
      }
    }
  }

  async function run(): Promise<void> {
    for (;;) {
      const updates = await fetchBatch();
      if (updates === undefined) break;
      // Updates below the offset were already handled (a retried call answered twice): skip them.
      const fresh = updates.filter((u) => u.update_id >= offset);
      if (fresh.length === 0) continue;
      await handleBatch(fresh);
      offset = Math.max(...fresh.map((u) => u.update_id)) + 1;
    }
    if (offset > confirmed) {
      try {
        // Confirm the last batch so a restart does not handle it again; updates it returns stay queued.
        await getUpdates({ offset, timeout: 0, limit: 1 }, new AbortController().signal);
        confirmed = offset;
      } catch (error) {
        logger.warn({ event: "polling.confirm_failed", offset, err: describeError(error) });
      }
    }
  }

  const done = run();
  // `done` is awaited by whoever runs the bot; this keeps an early failure from being unhandled meanwhile.
  done.catch(() => {});
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
