/**
 * Reading Bot API failures without knowing the framework. grammY throws `GrammyError`
 * (`error_code`), telegraf throws `TelegramError` (`code`); both carry `description` and
 * `parameters.retry_after`. Network failures carry neither.
 */

/** What a failed Bot API call said. */
export interface ApiFailure {
  /** HTTP-like error code from the Bot API (400, 403, 429, 5xx). */
  code: number;
  description: string;
  /** Seconds to wait before retrying, on 429. */
  retryAfter?: number | undefined;
}

/** The Bot API failure inside an error, or `undefined` if it is something else (network, bug). */
export function apiFailureOf(error: unknown): ApiFailure | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { error_code?: unknown; code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
  const code = typeof e.error_code === "number" ? e.error_code : typeof e.code === "number" ? e.code : undefined;
  if (code === undefined) return undefined;
  const retryAfter = e.parameters?.retry_after;
  return {
    code,
    description: typeof e.description === "string" ? e.description : "",
    retryAfter: typeof retryAfter === "number" ? retryAfter : undefined,
  };
}

/** Whether the error is a network failure (no Bot API answer), worth retrying. */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error) || apiFailureOf(error) !== undefined) return false;
  const code = (error as { code?: unknown }).code;
  return (
    error.name === "FetchError" ||
    error.name === "HttpError" ||
    (typeof code === "string" && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_\w+)$/.test(code))
  );
}

const matches = (error: unknown, pattern: RegExp) => {
  const failure = apiFailureOf(error);
  return failure?.code === 400 && pattern.test(failure.description);
};

/** Telegram rejected the message's HTML (`400: can't parse entities`). */
export const isEntityParseError = (error: unknown): boolean => matches(error, /can't parse entities/i);

/** The edit would not change anything (the same button pressed twice). */
export const isNotModified = (error: unknown): boolean => matches(error, /message is not modified/i);

/** The message cannot be edited any more (deleted, too old); send a new one instead. */
export const isNotEditable = (error: unknown): boolean =>
  matches(error, /message can't be edited|message to edit not found|MESSAGE_ID_INVALID/i);
