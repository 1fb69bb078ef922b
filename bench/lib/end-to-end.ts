/**
 * Section 3: updates through each Telegram adapter in webhook mode. The bot runs as production
 * runs it (the compiled `dist/main.js`, a child process via tests/support/bot-process.ts) against
 * the fake Bot API (tests/support/fake-bot-api.ts) on 127.0.0.1; the bench posts updates to its
 * webhook, loopback only, in bounded loops:
 * - warm-up: untimed bursts, until the bot is in its steady state;
 * - burst: many updates at once (at most `concurrency` open), for throughput. The bot runs with
 *   TELEGRAM_SEND_PER_SECOND=off: the outbound throttle still runs (each update is a new chat,
 *   so its per-chat spacing never waits) but has no cap across chats. A cap of 1,000 a second
 *   (the most Telegram allows a bot, with paid broadcasts) would hold every burst at about 1,000
 *   updates/s whatever the bot could do, and the target is about the bot; at the default 30 a
 *   second the throttle is the limit by design (tests/adapters cover that);
 * - paced, last, on the warm bot: updates at a steady rate, for the latency of an unqueued update;
 * - the bot process's CPU time per update, read from /proc: how many updates a second one core
 *   could handle, whatever the load generator on the same machine manages to offer.
 */
import { existsSync } from "node:fs";
import { Agent } from "node:http";
import { freePort, spawnBot, TEST_TOKEN, unlessExited } from "../../tests/support/bot-process.ts";
import { startFakeBotApi } from "../../tests/support/fake-bot-api.ts";
import { API_IDLE_TIMEOUT_MS } from "../../src/adapters/telegram/http-agent.ts";
import { newUser, privateText } from "../../tests/support/updates.ts";
import { median } from "./stats.ts";
import { cpuMsOf, latencyOf, postUpdate, rssMbOf, type Sent, sleep, type UpdateLatency } from "./webhook-load.ts";

export type { UpdateLatency } from "./webhook-load.ts";

/** The Telegram adapter the measurement drives. */
export const TELEGRAM_ADAPTER_PATH = "src/adapters/telegram.ts";
/** The fake Bot API server the measurement reuses. */
export const FAKE_BOT_API_PATH = "tests/support/fake-bot-api.ts";

/** Loop sizes and rates. */
export interface EndToEndOptions {
  frameworks: ReadonlyArray<"grammy" | "telegraf">;
  /**
   * Untimed rounds of bursts before the timed ones, alternating between the frameworks as the
   * timed rounds do (see {@link measureEndToEnd}).
   */
  warmupRounds: number;
  /** Updates sent at `pacedPerSecond`. */
  paced: number;
  pacedPerSecond: number;
  /** Updates sent at once (at most `concurrency` requests open). */
  burst: number;
  concurrency: number;
  /**
   * Bursts per framework, taken in rounds that alternate between the frameworks, so a busy
   * stretch of a shared host falls on both alike; the median burst is reported.
   */
  rounds: number;
  /** Longest the bot may take to start and register its webhook. */
  startTimeoutMs: number;
}

/** The loop sizes `npm run bench` uses (about a minute for both frameworks). */
export const DEFAULT_END_TO_END_OPTIONS: Readonly<EndToEndOptions> = Object.freeze({
  frameworks: ["grammy", "telegraf"] as const,
  warmupRounds: 4,
  paced: 100,
  pacedPerSecond: 20,
  burst: 3000,
  concurrency: 50,
  rounds: 3,
  startTimeoutMs: 30_000,
});

/** An update ready to post: its chat (the reply is matched by it) and its serialised body. */
interface Prepared {
  chatId: number;
  body: Buffer;
}

/** One burst: all updates offered at once. */
export interface BurstResult extends UpdateLatency {
  updates: number;
  updatesPerSecond: number;
  seconds: number;
  /** Bot-process CPU (user + system) per update over the burst, ms; NaN without /proc. */
  cpuMsPerUpdate: number;
  /**
   * Share of the burst's wall time the bot process spent on a CPU: near 1, the bot is the limit;
   * clearly below, it waited (for the load generator, or for an outbound cap if one were set).
   */
  busy: number;
}

/** Everything measured for one framework. */
export interface AdapterResult {
  framework: "grammy" | "telegraf";
  /** Paced phase, below the outbound limit. */
  paced: UpdateLatency & { updates: number; offeredPerSecond: number };
  /** The median burst by updates a second (the one reported). */
  burst: BurstResult;
  /** Every burst, in the order run. */
  bursts: BurstResult[];
  /** The untimed warm-up bursts, in the order run: how the bot settles. */
  warmupBursts: BurstResult[];
  /** The median burst's bot CPU per update, ms. */
  cpuMsPerUpdate: number;
  /** The median burst's busy share. */
  busy: number;
  /** 1000 / cpuMsPerUpdate: updates a second one core could handle if sending were not throttled. */
  capacityPerCore: number;
  /** Updates whose reply never reached the fake Bot API, over every phase. */
  unanswered: number;
  /**
   * The bot's resident memory after its last burst, MB (NaN without /proc): what a deployment
   * sizes for, beside the start-up section's figure after 200 answers.
   */
  rssAfterBurstsMB: number;
}

/** Outcome of the end-to-end section. */
export interface EndToEndResult {
  status: "measured" | "not-available" | "failed";
  /** A line for the console and results.json. */
  message: string;
  adapters: AdapterResult[];
}

/** A framework's bot, running in webhook mode against a fake Bot API of its own. */
interface RunningAdapter {
  framework: "grammy" | "telegraf";
  burst(): Promise<BurstResult & { unanswered: number }>;
  pace(): Promise<AdapterResult["paced"] & { unanswered: number }>;
  /** The bot process's resident memory now, MB. */
  rssMB(): number;
  stop(): Promise<void>;
}

/** Starts one framework's bot in webhook mode, ready to be measured. */
async function startAdapter(
  framework: "grammy" | "telegraf",
  questions: readonly string[],
  options: EndToEndOptions,
): Promise<RunningAdapter> {
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
    // No cap across chats: the burst measures the bot, not the throttle's 1,000 a second.
    TELEGRAM_SEND_PER_SECOND: "off",
  }, { compiled: true });
  // A timeout makes Node's agent retire an idle connection 1 s before the webhook server's
  // Keep-Alive hint; without one it reuses connections the server is closing, and a post fails
  // with "socket hang up" (one bench run of session 11 did). The bot's own agent does the same
  // for the Bot API (src/adapters/telegram/http-agent.ts).
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency, timeout: API_IDLE_TIMEOUT_MS });
  const stop = async () => {
    agent.destroy();
    await bot.stop("SIGTERM");
    await fake.close();
  };
  try {
    await unlessExited(bot, fake.waitFor((c) => c.method === "setWebhook", { timeoutMs: options.startTimeoutMs }));
  } catch (error) {
    await stop();
    throw error;
  }
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

  return {
    framework,
    stop,
    rssMB: () => rssMbOf(bot.child.pid),
    async pace() {
      // Let the throttle's one-second window refill after the bursts.
      await sleep(1100);
      const since = fake.calls.length;
      const updates = prepare(options.paced);
      const start = performance.now();
      const paced: Array<Promise<Sent>> = [];
      for (let i = 0; i < options.paced; i++) {
        const due = start + (i * 1000) / options.pacedPerSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        paced.push(send(updates[i]!));
      }
      const latency = latencyOf(await unlessExited(bot, Promise.all(paced)), fake, since);
      return { ...latency, updates: options.paced, offeredPerSecond: options.pacedPerSecond };
    },
    async burst() {
      // The throttle's window refills first, whichever phase came before.
      await sleep(1100);
      const updates = prepare(options.burst);
      const since = fake.calls.length;
      const cpuStart = cpuMsOf(bot.child.pid);
      const start = performance.now();
      const sent = await unlessExited(bot, flood(updates, options.concurrency));
      const seconds = (performance.now() - start) / 1000;
      const cpuMs = cpuMsOf(bot.child.pid) - cpuStart;
      return {
        ...latencyOf(sent, fake, since),
        updates: options.burst,
        updatesPerSecond: options.burst / seconds,
        seconds,
        cpuMsPerUpdate: cpuMs / options.burst,
        busy: cpuMs / (seconds * 1000),
      };
    },
  };
}

/** A phase's bursts without their unanswered counts (those are summed over every phase). */
const figures = (list: ReadonlyArray<BurstResult & { unanswered: number }>): BurstResult[] =>
  list.map(({ unanswered: _, ...b }) => b);

/** The median element by `key` (the lower middle of an even count). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Starts every framework's bot and warms each up, runs the bursts in rounds that alternate between
 * the frameworks (the other bot idles meanwhile), then times each one's paced phase. Reports "not
 * available" when the adapter or the fake Bot API is missing, and "failed" (with the reason)
 * instead of throwing, so the other sections' results are still written.
 *
 * A long-running bot is measured in its steady state. It takes more than a few thousand updates
 * to get there (V8 optimising the hot paths, the heap growing to its working size), and a quiet
 * stretch undoes part of it: when 3,000 warm-up updates and then the paced phase came before the
 * bursts, the first round cost 20–28% more CPU an update than the third in twelve bench runs
 * (medians: grammY 0.97 against 0.76 ms, telegraf 0.89 against 0.68), and 12,000 warm-up updates
 * in one go did not end that. So the warm-up is untimed rounds of the same bursts in the same
 * alternation: the first timed burst follows what every other one follows. The paced phase
 * comes last, on a warm bot (bench/README.md).
 */
export async function measureEndToEnd(
  questions: readonly string[],
  options: EndToEndOptions = DEFAULT_END_TO_END_OPTIONS,
  progress: (line: string) => void = () => undefined,
): Promise<EndToEndResult> {
  if (!existsSync(TELEGRAM_ADAPTER_PATH) || !existsSync(FAKE_BOT_API_PATH)) {
    return { status: "not-available", message: "end-to-end: adapters not available yet", adapters: [] };
  }
  const running: RunningAdapter[] = [];
  const adapters: AdapterResult[] = [];
  try {
    for (const framework of options.frameworks) running.push(await startAdapter(framework, questions, options));
    const warmup: Array<Array<BurstResult & { unanswered: number }>> = running.map(() => []);
    const bursts: Array<Array<BurstResult & { unanswered: number }>> = running.map(() => []);
    const rounds = Math.max(1, options.rounds);
    for (let round = 1; round <= options.warmupRounds + rounds; round++) {
      const warm = round <= options.warmupRounds;
      progress(warm ? `end-to-end: warm-up, round ${round}` : `end-to-end: bursts, round ${round - options.warmupRounds}`);
      for (const [i, adapter] of running.entries()) (warm ? warmup : bursts)[i]!.push(await adapter.burst());
    }
    const rssAfterBursts = running.map((adapter) => adapter.rssMB());
    const paced: Array<Awaited<ReturnType<RunningAdapter["pace"]>>> = [];
    for (const adapter of running) {
      progress(`end-to-end: ${adapter.framework} paced phase`);
      paced.push(await adapter.pace());
    }
    running.forEach((adapter, i) => {
      const { unanswered: pacedUnanswered, ...pacedFigures } = paced[i]!;
      const all = figures(bursts[i]!);
      const burst = medianBy(all, (b) => b.updatesPerSecond);
      adapters.push({
        framework: adapter.framework,
        paced: pacedFigures,
        burst,
        bursts: all,
        warmupBursts: figures(warmup[i]!),
        cpuMsPerUpdate: burst.cpuMsPerUpdate,
        busy: burst.busy,
        capacityPerCore: 1000 / burst.cpuMsPerUpdate,
        unanswered: pacedUnanswered + [...warmup[i]!, ...bursts[i]!].reduce((n, b) => n + b.unanswered, 0),
        rssAfterBurstsMB: rssAfterBursts[i]!,
      });
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { status: "failed", message: `end-to-end: failed (${reason})`, adapters };
  } finally {
    await Promise.all(running.map((adapter) => adapter.stop()));
  }
  const capacity = median(adapters.map((a) => a.capacityPerCore));
  return {
    status: "measured",
    message: `end-to-end: ${adapters.length} adapters measured; median capacity ${Math.round(capacity)} updates/s per core`,
    adapters,
  };
}
