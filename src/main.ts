/**
 * Entry point and composition root: read the configuration once, load the knowledge base,
 * build the core, start the adapter the configuration asks for. Nothing else wires things.
 */
import "dotenv/config";
import { runConsoleChat } from "./adapters/console/chat.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { loadCore } from "./core.ts";
import { KnowledgeError } from "./knowledge/errors.ts";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const core = loadCore({ dir: config.intentsDir, seedsDir: config.seedsDir, factsFile: config.factsFile });
  switch (config.mode.kind) {
    case "console":
      await runConsoleChat({ respond: core.respond });
      return;
    case "polling":
    case "webhook": {
      const { startTelegram } = await import("./adapters/telegram.ts");
      await startTelegram(config, core);
      return;
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof KnowledgeError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
