/**
 * Retries outgoing Bot API calls the way `@grammyjs/auto-retry` does for grammY, for the telegraf
 * adapter: on 429 wait `retry_after` seconds, on 5xx and network failures back off exponentially;
 * give up after a bounded number of retries or when Telegram asks for a longer wait than allowed.
 */
import { apiFailureOf, isNetworkError } from "./api-errors.ts";

/** Options of {@link createRetry}. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Longest `retry_after` honoured, in seconds; longer waits fail the call at once. */
  maxDelaySeconds: number;
  /** First backoff for 5xx and network failures, in seconds (doubles each time). */
  initialBackoffSeconds?: number | undefined;
  /** How to wait (tests pass a fake). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Runs a call with retries. */
export type Retry = <T>(call: () => Promise<T>) => Promise<T>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates a retry wrapper for outgoing calls.
 * @example
 * const retry = createRetry({ maxRetries: 5, maxDelaySeconds: 60 });
 * await retry(() => telegram.callApi("sendMessage", payload));
 */
export function createRetry({ maxRetries, maxDelaySeconds, initialBackoffSeconds = 1, sleep = defaultSleep }: RetryOptions): Retry {
  return async function retry<T>(call: () => Promise<T>): Promise<T> {
    let backoff = initialBackoffSeconds;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= maxRetries) throw error;
        const failure = apiFailureOf(error);
        if (failure?.retryAfter !== undefined) {
          if (failure.retryAfter > maxDelaySeconds) throw error;
          await sleep(failure.retryAfter * 1000);
        } else if ((failure && failure.code >= 500) || isNetworkError(error)) {
          await sleep(backoff * 1000);
          backoff = Math.min(backoff * 2, 60);
        } else {
          throw error;
        }
      }
    }
  };
}
