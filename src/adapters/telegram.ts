/**
 * Telegram: pick the framework (grammY by default, telegraf with BOT_FRAMEWORK=telegraf),
 * connect, register the commands, then poll or serve the webhook. SIGTERM and SIGINT stop taking
 * updates, let the ones in flight finish and exit 0.
 */
import { secretsOf, type Config } from "../config.ts";
import type { Core } from "../core.ts";
import { createLogger, describeError, type Logger } from "../logger.ts";
import type { UnansweredLog } from "../privacy/unanswered-log.ts";
import { registerCommands } from "./telegram/commands.ts";
import type { CreateDriver } from "./telegram/driver.ts";
import { TelegramStartError } from "./telegram/errors.ts";
import type { CounterStore } from "./telegram/rate-limit.ts";
import type { BotIdentity } from "./telegram/route.ts";
import { runPolling, runWebhook, type TelegramRuntime } from "./telegram/runtime.ts";

export type { TelegramRuntime } from "./telegram/runtime.ts";

/** Options of {@link startTelegram}. */
export interface StartTelegramOptions {
  /** Use this logger instead of creating one from the configuration. */
  logger?: Logger | undefined;
  /** Stop on SIGTERM/SIGINT and exit the process (default true; tests that embed the bot turn it off). */
  handleSignals?: boolean | undefined;
  /** Count the per-user rate limit here (Redis, shared by every instance) instead of in memory. */
  rateLimitStore?: CounterStore | undefined;
  /** Record questions the bot could not answer well (opt-in, `UNANSWERED_LOG`). */
  unanswered?: UnansweredLog | undefined;
  /**
   * Runs on a signal after the bot stopped taking updates and finished those in flight, before
   * the process exits: close file watchers and connections here.
   */
  onShutdown?: (() => Promise<void> | void) | undefined;
}

/** How long a graceful stop may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 25_000;

/** Loads only the framework in use. */
async function loadDriver(framework: "grammy" | "telegraf"): Promise<CreateDriver> {
  if (framework === "telegraf") return (await import("./telegraf/driver.ts")).createTelegrafDriver;
  return (await import("./grammy/driver.ts")).createGrammyDriver;
}

/**
 * Starts the bot on Telegram and resolves once it is taking updates.
 * @param config a polling or webhook configuration (console mode is refused)
 * @param core the knowledge base, matcher and responder
 * @throws TelegramStartError when the token is refused, the API is unreachable or the webhook cannot be set
 */
export async function startTelegram(
  config: Config,
  core: Core,
  options: StartTelegramOptions = {},
): Promise<TelegramRuntime & { me: BotIdentity }> {
  const mode = config.mode;
  if (mode.kind === "console") throw new TypeError("startTelegram needs a polling or webhook configuration");
  const { telegram } = mode;
  const secrets = secretsOf(config);
  const logger = options.logger ?? createLogger(config.logLevel, { secrets });
  const createDriver = await loadDriver(telegram.framework);
  const driver = createDriver({
    telegram,
    respond: core.respond,
    rateLimit: { ...config.rateLimit, store: options.rateLimitStore },
    logger,
    unanswered: options.unanswered,
  });

  let me: BotIdentity;
  try {
    me = await driver.init();
  } catch (error) {
    throw new TelegramStartError("connect", error, secrets);
  }
  try {
    await registerCommands(driver.api);
  } catch (error) {
    throw new TelegramStartError("commands", error, secrets);
  }
  const runtime = mode.kind === "webhook" ? await runWebhook(driver, mode.webhook, logger) : await runPolling(driver, logger);
  const listening = runtime.address ? { host: runtime.address.address, port: runtime.address.port } : {};
  logger.info({
    event: "bot.started",
    framework: telegram.framework,
    mode: runtime.mode,
    username: me.username,
    rate_limit_store: options.rateLimitStore ? "redis" : "memory",
    ...listening,
  });
  if (options.handleSignals !== false) exitWithRuntime(runtime, logger, options.onShutdown);
  return { ...runtime, me };
}

/** Ties the process to the bot: stop gracefully on signals, exit 1 if polling fails for good. */
function exitWithRuntime(runtime: TelegramRuntime, logger: Logger, onShutdown: StartTelegramOptions["onShutdown"]): void {
  let stopping = false;
  runtime.stopped.catch((error: unknown) => {
    if (stopping) return;
    logger.fatal({ event: "bot.polling_failed", err: describeError(error) });
    process.exit(1);
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ event: "bot.forced_exit", signal });
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: "bot.stopping", signal });
    setTimeout(() => {
      logger.error({ event: "bot.stop_timeout", after_ms: STOP_TIMEOUT_MS });
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    runtime
      .stop()
      .then(() => onShutdown?.())
      .then(
        () => {
          logger.info({ event: "bot.stopped" });
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ event: "bot.stop_failed", err: describeError(error) });
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
