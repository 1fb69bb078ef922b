/**
 * Runs the bot exactly as `npm start` does (`tsx src/main.ts`), as a child process, with its
 * environment pointed at the fake Bot API. Its stdout (the JSON log) and stderr are collected.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root (where `npm start` runs). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The token the tests use; shaped like a real one so the config accepts it. */
export const TEST_TOKEN = "123456:TEST-token-aaaaaaaaaaaaaaaaaaaa";

/** A running bot process. */
export interface BotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first JSON log line that matches (the bot must log at that level). */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Every variable the config reads, blank, so a developer's `.env` cannot leak into a test. */
const BLANK_CONFIG = {
  TELEGRAM_BOT_TOKEN: "", TELEGRAM_API_ROOT: "", BOT_FRAMEWORK: "", WEBHOOK_URL: "", WEBHOOK_SECRET: "",
  PORT: "", HOST: "", LOG_LEVEL: "", INTENTS_DIR: "", INTENTS_CACHE: "", INTENTS_WATCH: "", REDIS_URL: "",
  RATE_LIMIT: "", RATE_WINDOW_MS: "", UNANSWERED_LOG: "", TELEGRAM_SEND_PER_SECOND: "",
};

/**
 * Starts `node --import tsx src/main.ts` (or, with `compiled`, the build in `dist/`, as production
 * runs it) with the given environment on top of blank config.
 */
export function spawnBot(env: Record<string, string>, options: { compiled?: boolean } = {}): BotProcess {
  // BOT_NODE_ARGS adds Node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the bot
  // under the benchmark's load (bench/README.md).
  const extra = process.env["BOT_NODE_ARGS"]?.split(" ").filter(Boolean) ?? [];
  const args = [...extra, ...(options.compiled ? ["dist/main.js"] : ["--import", "tsx", "src/main.ts"])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...BLANK_CONFIG, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (out += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (err += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const logLines = () =>
    out.split("\n").flatMap((line) => {
      try {
        return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    child,
    async waitForLog(match, timeoutMs = 25_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logLines().find(match);
        if (found) return found;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no matching log line:\n${out.slice(-2000)}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A free TCP port on 127.0.0.1. It is free when this returns, not promised to stay free: under
 * heavy connection churn the OS may hand it out again, so prefer PORT=0 and read the port back
 * from the bot's `bot.started` log line.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Races a promise against the process dying first (then the error shows its stderr). */
export async function unlessExited<T>(bot: BotProcess, promise: Promise<T>): Promise<T> {
  const died = bot.exited.then(({ code, signal }) => {
    throw new Error(`bot exited early (code ${code}, signal ${signal}):\n${bot.stderr()}\n${bot.stdout().slice(-2000)}`);
  });
  return Promise.race([promise, died]);
}
