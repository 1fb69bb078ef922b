/**
 * Command line: `check` validates the knowledge base, `ask` answers once (or, with `--json` and
 * no question, answers stdin line by line as JSONL), `chat` opens the terminal chat.
 *
 *   npm run cli -- check
 *   npm run cli -- ask "花呗逾期了会上门吗"
 *   echo 借呗逾期会被起诉吗 | npm run --silent cli -- ask --json
 */
import "dotenv/config";
import { toJson } from "./adapters/console/json.ts";
import { runConsoleChat } from "./adapters/console/chat.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { loadCore } from "./core.ts";
import { renderPlainText } from "./dialogue/render/plain-text.ts";
import { formatProblem, KnowledgeError } from "./knowledge/errors.ts";
import { checkKnowledge } from "./knowledge/load.ts";
import { createUnansweredLog } from "./privacy/unanswered-log.ts";
import { STAGE_IDS, TOPIC_IDS } from "./knowledge/schema.ts";

const USAGE = `usage:
  cli check                 validate the knowledge base (exit 1 on any problem)
  cli ask [--json] QUESTION answer one question
  cli ask --json            answer every line of stdin, one JSON object a line
  cli chat                  chat in the terminal`;

async function main(argv: string[]): Promise<number> {
  const config = parseConfig(process.env);
  const options = { dir: config.intentsDir, seedsDir: config.seedsDir, factsFile: config.factsFile };
  // `check` always validates in full; answering reuses the start-up cache.
  const serving = { ...options, cacheDir: config.intentsCache };
  const [command, ...rest] = argv;

  if (command === "check") {
    const result = checkKnowledge(options);
    if (!result.ok) {
      for (const p of result.problems) console.error(`${formatProblem(p)}\n`);
      console.error(`check: ${result.problems.length} problem(s)`);
      return 1;
    }
    const kb = result.kb;
    const phrasings = kb.intents.reduce((n, it) => n + it.phrasings.length, 0);
    const topics = new Set(kb.intents.map((it) => it.topic));
    const stages = new Set(kb.intents.map((it) => it.stage).filter(Boolean));
    console.log(
      `check: ok — ${kb.intents.length} intents, ${phrasings} phrasings, ` +
        `${topics.size}/${TOPIC_IDS.length} topics, ${stages.size}/${STAGE_IDS.length} stages, ` +
        `${kb.outOfScope.length} out-of-scope examples, ${kb.menus.length} menus`,
    );
    return 0;
  }

  if (command === "ask") {
    const json = rest.includes("--json");
    const question = rest.filter((a) => a !== "--json").join(" ");
    const core = loadCore(serving);
    const answerLine = (q: string) => {
      try {
        const reply = core.respond({ text: q, chat: "private", addressed: true });
        return json ? JSON.stringify(toJson(q, reply)) : reply ? renderPlainText(reply) : "";
      } catch (error) {
        // A bad line never stops the stream: report it as a fallback object.
        return json ? JSON.stringify({ ...toJson(q, null), error: String(error) }) : String(error);
      }
    };
    if (question) {
      console.log(answerLine(question));
      return 0;
    }
    if (!json) {
      console.error(USAGE);
      return 2;
    }
    for await (const line of stdinLines()) process.stdout.write(`${answerLine(line)}\n`);
    return 0;
  }

  if (command === "chat") {
    const unanswered = config.unansweredLog ? createUnansweredLog(config.unansweredLog) : undefined;
    await runConsoleChat({ respond: loadCore(serving).respond, unanswered });
    return 0;
  }

  console.error(USAGE);
  return 2;
}

/**
 * Lines of stdin split at `\n` only (a lone `\r` inside a line stays part of it, unlike
 * node:readline, which would answer such a line twice and shift every later answer).
 */
async function* stdinLines(): AsyncGenerator<string> {
  let buffer = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) {
    buffer += chunk as string;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, nl).replace(/\r$/, "");
      buffer = buffer.slice(nl + 1);
    }
  }
  if (buffer) yield buffer.replace(/\r$/, "");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof KnowledgeError || error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);
