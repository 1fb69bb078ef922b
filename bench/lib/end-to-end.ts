/**
 * Section 3: updates through each Telegram adapter in webhook mode. The bot runs as production
 * runs it (the compiled `dist/main.js`, a child process via tests/support/bot-process.ts) against
 * the fake Bot API (tests/support/fake-bot-api.ts) on 127.0.0.1; the bench posts updates to its
 * webhook, loopback only, in bounded loops:
 * - paced: updates at a steady rate, for the latency of an unqueued update;
 * - burst: many updates at once (at most `concurrency` open), for throughput. The bot runs with
 *   TELEGRAM_SEND_PER_SECOND=1000, the most Telegram allows a bot (with paid broadcasts), so the
 *   outbound throttle does not cap it; at the default 30 a second the throttle is the limit by
 *   design (tests/adapters cover that);
 * - the bot process's CPU time per update, read from /proc: how many updates a second one core
 *   could handle, whatever the load generator on the same machine manages to offer.
 */
import { existsSync } from "node:fs";
import { Agent } from "node:http";
import { freePort, spawnBot, TEST_TOKEN, unlessExited } from "../../tests/support/bot-process.ts";
import { startFakeBotApi } from "../../tests/support/fake-bot-api.ts";
import { newUser, privateText } from "../../tests/support/updates.ts";
import { median } from "./stats.ts";
import { cpuMsOf, latencyOf, postUpdate, type Sent, sleep, type UpdateLatency } from "./webhook-load.ts";

export type { UpdateLatency } from "./webhook-load.ts";

/** The Telegram adapter the measurement drives. */
export const TELEGRAM_ADAPTER_PATH = "src/adapters/telegram.ts";
/** The fake Bot API server the measurement reuses. */
export const FAKE_BOT_API_PATH = "tests/support/fake-bot-api.ts";

/** Loop sizes and rates. */
export interface EndToEndOptions {
  frameworks: ReadonlyArray<"grammy" | "telegraf">;
  /** Updates sent before measuring, at `concurrency`. */
  warmup: number;
  /** Updates sent at `pacedPerSecond`. */
  paced: number;
  pacedPerSecond: number;
  /** Updates sent at once (at most `concurrency` requests open). */
  burst: number;
  concurrency: number;
  /** Longest the bot may take to start and register its webhook. */
  startTimeoutMs: number;
}

/** The loop sizes `npm run bench` uses (about 30 s for both frameworks). */
export const DEFAULT_END_TO_END_OPTIONS: Readonly<EndToEndOptions> = Object.freeze({
  frameworks: ["grammy", "telegraf"] as const,
  warmup: 3000,
  paced: 100,
  pacedPerSecond: 20,
  burst: 3000,
  concurrency: 50,
  startTimeoutMs: 30_000,
});

/** An update ready to post: its chat (the reply is matched by it) and its serialised body. */
interface Prepared {
  chatId: number;
  body: Buffer;
}

/** Everything measured for one framework. */
export interface AdapterResult {
  framework: "grammy" | "telegraf";
  /** Paced phase, below the outbound limit. */
  paced: UpdateLatency & { updates: number; offeredPerSecond: number };
  /** Burst phase: all updates offered at once. */
  burst: UpdateLatency & { updates: number; updatesPerSecond: number; seconds: number };
  /** Bot-process CPU (user + system) per update over the burst, ms; NaN without /proc. */
  cpuMsPerUpdate: number;
  /**
   * Share of the burst's wall time the bot process spent on a CPU: near 1, the bot is the limit;
   * clearly below, it waited (for the load generator, or for the outbound cap of 1,000 a second).
   */
  busy: number;
  /** 1000 / cpuMsPerUpdate: updates a second one core could handle if sending were not throttled. */
  capacityPerCore: number;
  /** Updates whose reply never reached the fake Bot API. */
  unanswered: number;
}

/** Outcome of the end-to-end section. */
export interface EndToEndResult {
  status: "measured" | "not-available" | "failed";
  /** A line for the console and results.json. */
  message: string;
  adapters: AdapterResult[];
}

/** Runs one framework's bot in webhook mode and measures it. */
async function measureAdapter(
  framework: "grammy" | "telegraf",
  questions: readonly string[],
  options: EndToEndOptions,
): Promise<AdapterResult> {
  const fake = await startFakeBotApi(TEST_TOKEN);
  const port = await freePort();
  const path = "/telegram-webhook";
  const secret = "bench-webhook-secret-0123456789";
  const bot = spawnBot({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    BOT_FRAMEWORK: framework,
    WEBHOOK_URL: `http://127.0.0.1:${port}${path}`,
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    HOST: "127.0.0.1",
    // Production's level: the per-update log lines are part of the cost.
    LOG_LEVEL: "info",
    TELEGRAM_SEND_PER_SECOND: "1000",
  }, { compiled: true });
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    await unlessExited(bot, fake.waitFor((c) => c.method === "setWebhook", { timeoutMs: options.startTimeoutMs }));
    let updateId = 1;
    let q = 0;
    // A fresh user (and private chat) per update: neither the per-user rate limit nor the
    // one-message-a-second-per-chat throttle comes into play, only the global outbound limit.
    // Bodies are serialised before a phase starts, as Telegram's side would have them ready: the
    // load generator shares the machine, and what it spends is taken from the bot.
    const prepare = (count: number): Prepared[] =>
      Array.from({ length: count }, () => {
        const chatId = newUser();
        const update = { ...privateText(chatId, questions[q++ % questions.length]!), update_id: updateId++ };
        return { chatId, body: Buffer.from(JSON.stringify(update)) };
      });
    const send = async ({ chatId, body }: Prepared): Promise<Sent> => {
      const postedAt = Date.now();
      const t0 = performance.now();
      const status = await postUpdate(agent, port, path, secret, body);
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      return { chatId, postedAt, roundTripMs: performance.now() - t0 };
    };
    /** Sends `prepared` with at most `concurrency` requests open. */
    const flood = async (prepared: readonly Prepared[], concurrency: number): Promise<Sent[]> => {
      let next = 0;
      const sent: Sent[] = [];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, prepared.length) }, async () => {
          while (next < prepared.length) sent.push(await send(prepared[next++]!));
        }),
      );
      return sent;
    };

    // Warm-up at the burst's concurrency, long enough for V8 to finish optimising the hot paths:
    // a long-running bot is measured in its steady state, not while the JIT is still tiering up
    // (over the first few thousand updates the bot's CPU per update still falls by a quarter).
    await unlessExited(bot, flood(prepare(options.warmup), options.concurrency));
    // Let the throttle's one-second window refill after the warm-up.
    await sleep(1100);
    // === Paced
    const pacedSince = fake.calls.length;
    const pacedUpdates = prepare(options.paced);
    const pacedStart = performance.now();
    const paced: Array<Promise<Sent>> = [];
    for (let i = 0; i < options.paced; i++) {
      const due = pacedStart + (i * 1000) / options.pacedPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      paced.push(send(pacedUpdates[i]!));
    }
    const pacedSent = await unlessExited(bot, Promise.all(paced));
    const pacedLatency = latencyOf(pacedSent, fake, pacedSince);
    await sleep(1100);

    // === Burst
    const burstUpdates = prepare(options.burst);
    const burstSince = fake.calls.length;
    const cpuStart = cpuMsOf(bot.child.pid);
    const burstStart = performance.now();
    const burstSent = await unlessExited(bot, flood(burstUpdates, options.concurrency));
    const seconds = (performance.now() - burstStart) / 1000;
    const cpuMs = cpuMsOf(bot.child.pid) - cpuStart;
    const burstLatency = latencyOf(burstSent, fake, burstSince);
    const cpuMsPerUpdate = cpuMs / options.burst;
    const { unanswered: u1, ...pacedFigures } = pacedLatency;
    const { unanswered: u2, ...burstFigures } = burstLatency;
    return {
      framework,
      paced: { ...pacedFigures, updates: options.paced, offeredPerSecond: options.pacedPerSecond },
      burst: { ...burstFigures, updates: options.burst, updatesPerSecond: options.burst / seconds, seconds },
      cpuMsPerUpdate,
      capacityPerCore: 1000 / cpuMsPerUpdate,
      busy: cpuMs / (seconds * 1000),
      unanswered: u1 + u2,
    };
  } finally {
    agent.destroy();
    await bot.stop("SIGTERM");
    await fake.close();
  }
}

/**
 * Measures every framework in turn; reports "not available" when the adapter or the fake Bot
 * API is missing, and "failed" (with the reason) instead of throwing, so the other sections'
 * results are still written.
 */
export async function measureEndToEnd(
  questions: readonly string[],
  options: EndToEndOptions = DEFAULT_END_TO_END_OPTIONS,
  progress: (line: string) => void = () => undefined,
): Promise<EndToEndResult> {
  if (!existsSync(TELEGRAM_ADAPTER_PATH) || !existsSync(FAKE_BOT_API_PATH)) {
    return { status: "not-available", message: "end-to-end: adapters not available yet", adapters: [] };
  }
  const adapters: AdapterResult[] = [];
  try {
    for (const framework of options.frameworks) {
      progress(`end-to-end: ${framework} in webhook mode`);
      adapters.push(await measureAdapter(framework, questions, options));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { status: "failed", message: `end-to-end: failed (${reason})`, adapters };
  }
  const capacity = median(adapters.map((a) => a.capacityPerCore));
  return {
    status: "measured",
    message: `end-to-end: ${adapters.length} adapters measured; median capacity ${Math.round(capacity)} updates/s per core`,
    adapters,
  };
}
