/**
 * Entry point and composition root: read the configuration once, load the knowledge base,
 * build the core (reloading when `INTENTS_WATCH=1`), open the opt-in unanswered log and Redis
 * when configured, start the adapter the configuration asks for. Nothing else wires things.
 */
import "dotenv/config";
import { runConsoleChat } from "./adapters/console/chat.ts";
import { ConfigError, parseConfig, secretsOf, type Config } from "./config.ts";
import { loadCore, type Core } from "./core.ts";
import { createReloadingCore, watchKnowledge } from "./core-reload.ts";
import { KnowledgeError } from "./knowledge/errors.ts";
import { createLogger, describeError, type Logger } from "./logger.ts";
import { createUnansweredLog, type UnansweredLog } from "./privacy/unanswered-log.ts";

/** Things to close on the way out, in order. */
type Closer = () => Promise<void> | void;

/** The core to serve, and a watcher to close when the knowledge base is watched. */
function buildCore(config: Config, logger: Logger): { core: Core; closers: Closer[] } {
  const options = { dir: config.intentsDir, seedsDir: config.seedsDir, factsFile: config.factsFile, cacheDir: config.intentsCache };
  // Start-up fails on a bad knowledge base (KnowledgeError, with file:line); later reloads do not.
  const initial = loadCore(options);
  if (!config.watchIntents) return { core: initial, closers: [] };
  const core = createReloadingCore(initial, () => loadCore(options));
  const watcher = watchKnowledge({ dir: config.intentsDir, core, logger });
  return { core, closers: [() => watcher.close()] };
}

function openUnansweredLog(config: Config, logger: Logger): UnansweredLog | undefined {
  if (!config.unansweredLog) return undefined;
  logger.info({ event: "unanswered_log.enabled" });
  return createUnansweredLog(config.unansweredLog, {
    onError: (error) => logger.warn({ event: "unanswered_log.write_failed", err: describeError(error) }),
  });
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // The terminal chat owns stdout, so its log goes to stderr.
  const destination = config.mode.kind === "console" ? process.stderr : undefined;
  const logger = createLogger(config.logLevel, { secrets: secretsOf(config), destination });
  const { core, closers } = buildCore(config, logger);
  const unanswered = openUnansweredLog(config, logger);
  switch (config.mode.kind) {
    case "console":
      try {
        await runConsoleChat({ respond: core.respond, unanswered });
      } finally {
        for (const close of closers) await close();
      }
      return;
    case "polling":
    case "webhook": {
      let rateLimitStore;
      if (config.redisUrl) {
        const { closeRedis, connectRedis, createRedisCounterStore } = await import("./state/redis.ts");
        const redis = await connectRedis(config.redisUrl, logger);
        rateLimitStore = createRedisCounterStore(redis, { windowMs: config.rateLimit.windowMs, logger });
        closers.push(() => closeRedis(redis));
      }
      const { startTelegram } = await import("./adapters/telegram.ts");
      await startTelegram(config, core, {
        logger,
        rateLimitStore,
        unanswered,
        onShutdown: async () => {
          for (const close of closers) await close();
        },
      });
      return;
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof KnowledgeError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
