/**
 * The bot's structured log: pino, one JSON object a line on stdout. Nothing here reads the
 * environment; `startTelegram` creates the logger from the parsed configuration.
 *
 * Two rules keep the log safe to ship: adapters never log what users wrote (these users share
 * debts and phone numbers), and anything shaped like a bot token is masked on its way out,
 * because network errors from the HTTP clients embed the request URL, token included.
 */
import { pino, type Logger } from "pino";
import { redactToken } from "./privacy/redact.ts";

export type { Logger } from "pino";

/** The log levels the configuration accepts. */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

/** What a masked secret other than a token is replaced with (tokens become `[TOKEN]`). */
export const REDACTED = "[redacted]";

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Exact strings to mask as well: the configured token (also its secret part alone), the webhook secret. */
  secrets?: readonly string[] | undefined;
  /** Where lines go; stdout by default (tests pass their own stream). */
  destination?: NodeJS.WritableStream | undefined;
}

/**
 * Masks bot tokens and the given secrets in one line of text.
 * @param line a serialised log line or an error message
 * @param secrets exact strings to mask besides anything shaped like a token
 */
export function redactSecrets(line: string, secrets: readonly string[] = []): string {
  let out = redactToken(line, "");
  for (const secret of secrets) {
    if (!secret) continue;
    out = secret.includes(":") ? redactToken(out, secret) : out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * Creates the root logger: JSON lines on stdout with tokens and secrets masked.
 * Per-update loggers are its children (`logger.child({ update_id, chat })`).
 *
 * @param level the configured `LOG_LEVEL`
 * @param options extra secrets to mask, or another destination
 * @example
 * const logger = createLogger(config.logLevel, { secrets: [token] });
 * logger.info({ event: "bot.started", framework: "grammy" });
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level,
      base: { app: "overdue-helper" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    destination,
  );
}

/** A log-safe summary of an error: name, message, Bot API code and stack, never request payloads. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { error_code?: unknown; code?: unknown; description?: unknown };
  const summary: Record<string, unknown> = { name: e.name, message: e.message };
  const code = typeof e.error_code === "number" ? e.error_code : e.code;
  if (code !== undefined) summary["code"] = code;
  if (typeof e.description === "string") summary["description"] = e.description;
  if (e.stack) summary["stack"] = e.stack;
  return summary;
}
