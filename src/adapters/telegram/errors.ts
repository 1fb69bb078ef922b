/** Developer-facing errors of the Telegram adapters. */
import { redactSecrets } from "../../logger.ts";

/** The step of start-up that failed. */
export type StartStep = "connect" | "commands" | "webhook";

/**
 * Start-up failed: the token was refused, the Bot API root is unreachable, the webhook could not
 * be registered or its port is taken. The message says which step failed and why; it never holds
 * the token (network errors embed the request URL, so the cause is summarised, not attached).
 */
export class TelegramStartError extends Error {
  override readonly name = "TelegramStartError";
  /** Which step failed. */
  readonly step: StartStep;
  /** The Bot API error code, when Telegram answered (401: the token was refused). */
  readonly code: number | undefined;

  constructor(step: StartStep, cause: unknown, secrets: readonly string[] = []) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = typeof cause === "object" && cause !== null ? (cause as { error_code?: unknown; code?: unknown }) : {};
    const apiCode = typeof code.error_code === "number" ? code.error_code : typeof code.code === "number" ? code.code : undefined;
    const hint = apiCode === 401 ? " Check TELEGRAM_BOT_TOKEN (ask @BotFather for the token)." : "";
    super(redactSecrets(`Could not start the Telegram bot (${step}): ${reason}.${hint}`, secrets));
    this.step = step;
    this.code = apiCode;
  }
}
