/** Turns the sections' results into the console report and the ratios against the baselines. */
import type { EndToEndResult } from "./end-to-end.ts";
import type { MachineInfo } from "./machine.ts";
import type { MatchingResult } from "./matching.ts";
import type { ScalePoint, ScaleResult } from "./scale.ts";
import type { StartupResult } from "./startup.ts";
import { count, formatTable, mb, ms, percent, ratio } from "./table.ts";

/** The targets of issue 6; reported beside the numbers, never asserted. */
export const TARGETS = Object.freeze({
  p99RealMs: 1,
  p99TenThousandMs: 5,
  readyMs: 1_000,
  rssMB: 150,
  updatesPerSecond: 1_000,
});

/** Ours against one baseline, from the same run. */
export interface BaselineRatio {
  baseline: string;
  /** Our queries/s divided by theirs (> 1: ours is faster). */
  throughput: number;
  /** Our p50 divided by theirs (< 1: ours is faster). */
  p50: number;
  /** Our p99 divided by theirs (< 1: ours is faster). */
  p99: number;
  /** Our accuracy minus theirs, in percentage points, per set. */
  accuracyPoints: Record<string, number>;
}

/** Ratios of `ours` against every other accuracy-ranked engine. */
export function baselineRatios(ours: MatchingResult, others: readonly MatchingResult[]): BaselineRatio[] {
  return others
    .filter((o) => o !== ours && o.accuracy.length > 0)
    .map((o) => ({
      baseline: o.engine,
      throughput: ours.latency.perSecond / o.latency.perSecond,
      p50: ours.latency.p50 / o.latency.p50,
      p99: ours.latency.p99 / o.latency.p99,
      accuracyPoints: Object.fromEntries(
        ours.accuracy.map((a) => [a.set, (a.accuracy - (o.accuracy.find((b) => b.set === a.set)?.accuracy ?? NaN)) * 100]),
      ),
    }));
}

const met = (ok: boolean) => (ok ? "met" : "NOT met");

/** Section 1 as text. */
export function matchingReport(results: readonly MatchingResult[], sets: readonly string[], ratios: readonly BaselineRatio[]): string {
  const rows = results.map((r) => [
    r.engine,
    ms(r.buildMs),
    ms(r.latency.p50),
    ms(r.latency.p99),
    count(r.latency.perSecond),
    ...sets.map((s) => {
      const a = r.accuracy.find((x) => x.set === s);
      return a ? `${percent(a.accuracy)} (${a.correct}/${a.total})` : "—";
    }),
  ]);
  const table = formatTable(["engine", "build ms", "p50 ms", "p99 ms", "q/s", ...sets.map((s) => `top-1 ${s}`)], rows);
  const ratioRows = ratios.map((r) => [
    `ours vs ${r.baseline}`,
    ratio(r.throughput),
    ratio(r.p50),
    ratio(r.p99),
    ...sets.map((s) => {
      const d = r.accuracyPoints[s];
      return d === undefined || !Number.isFinite(d) ? "n/a" : `${d >= 0 ? "+" : ""}${d.toFixed(1)} pts`;
    }),
  ]);
  const ratioTable = formatTable(["ratio", "q/s ours÷them", "p50 ours÷them", "p99 ours÷them", ...sets.map((s) => `Δ top-1 ${s}`)], ratioRows);
  return `${table}\n\n${ratioTable}`;
}

/** Section 2 as text. */
export function scaleReport(scale: ScaleResult, oneCore?: ScaleResult): string {
  const onOneCore = (p: ScalePoint) => oneCore?.points.find((q) => q.kind === p.kind && q.intents === p.intents);
  const rows = scale.points.map((p) => [
    p.kind === "real" ? `${count(p.intents)} (real)` : count(p.intents),
    count(p.texts),
    ms(p.buildMs),
    mb(p.heapDeltaMB),
    mb(p.rssDeltaMB),
    ms(p.latency.p50),
    ms(p.latency.p99),
    count(p.latency.samples),
    ...(oneCore ? [ms(onOneCore(p)?.latency.p50 ?? Number.NaN), ms(onOneCore(p)?.latency.p99 ?? Number.NaN)] : []),
  ]);
  const table = formatTable(
    ["intents", "texts", "build ms", "heap Δ MB", "RSS Δ MB", "p50 ms", "p99 ms", "timed", ...(oneCore ? ["1-core p50", "1-core p99"] : [])],
    rows,
  );
  const lines = [
    `growth exponent (log-log slope over synthetic sizes): p99 ∝ intents^${scale.p99Exponent.toFixed(2)}, p50 ∝ intents^${scale.p50Exponent.toFixed(2)}`,
  ];
  if (oneCore) {
    lines.push(
      "1-core: the same run in a process of its own with V8's --single-threaded-gc, so garbage is collected on the matching thread " +
        "instead of on helper threads; the issue's p99 targets are for one core, so they are judged on these columns",
    );
  }
  const judged = oneCore ?? scale;
  const where = oneCore ? " on one core" : "";
  const real = judged.points.find((p) => p.kind === "real");
  const tenK = judged.points.find((p) => p.intents === 10_000);
  if (real) lines.push(`target p99 < ${TARGETS.p99RealMs} ms at real size${where}: ${met(real.latency.p99 < TARGETS.p99RealMs)} (${ms(real.latency.p99)} ms)`);
  if (tenK) {
    lines.push(
      `target p99 < ${TARGETS.p99TenThousandMs} ms at 10,000 intents${where}: ${met(tenK.latency.p99 < TARGETS.p99TenThousandMs)} ` +
        `(${ms(tenK.latency.p99)} ms, ${tenK.latency.samples} timed queries)`,
    );
  }
  return `${table}\n${lines.join("\n")}`;
}

/** Section 3 as text. */
export function endToEndReport(result: EndToEndResult): string {
  if (result.adapters.length === 0) return result.message;
  const rows = result.adapters.map((a) => [
    a.framework,
    ms(a.paced.roundTripP50),
    ms(a.paced.roundTripP99),
    ms(a.paced.toSendMessageP99),
    count(a.burst.updatesPerSecond),
    a.bursts.map((b) => count(b.updatesPerSecond)).join(" / "),
    `${ms(a.burst.roundTripP99)} / ${ms(a.burst.roundTripMax)}`,
    ms(a.cpuMsPerUpdate),
    count(a.capacityPerCore),
    `${Math.round(100 * a.busy)}%`,
    count(a.unanswered),
    mb(a.rssAfterBurstsMB),
  ]);
  const table = formatTable(
    ["adapter", "paced RT p50 ms", "paced RT p99 ms", "paced →send p99 ms", "burst upd/s", "every burst", "burst RT p99 / max ms", "CPU ms/upd", "upd/s per core", "bot busy", "unanswered", "RSS after MB"],
    rows,
  );
  const slowest = Math.min(...result.adapters.map((a) => a.burst.updatesPerSecond));
  const lines = [
    table,
    "RT = POST of the update → webhook's 200 (sent after the reply's sendMessage was answered); →send = POST → fake receives sendMessage;",
    "max: the slowest update of the burst (one straggler stretches a burst without moving its p99).",
    "burst: TELEGRAM_SEND_PER_SECOND=off, so the outbound throttle has no cap across chats (at 1,000, Telegram's maximum, it would hold every burst near 1,000 updates/s);",
    "the bursts run in rounds alternating between the adapters (the other bot idles), and the median burst is the one shown;",
    ...(result.adapters.some((a) => a.warmupBursts.length > 0)
      ? [`untimed warm-up rounds before them, upd/s: ${result.adapters.map((a) => `${a.framework} ${a.warmupBursts.map((b) => count(b.updatesPerSecond)).join(" / ")}`).join("; ")};`]
      : []),
    "CPU ms/upd: the bot process's CPU over that burst; upd/s per core = 1000 / CPU ms per update; bot busy = its CPU time / the burst's wall time.",
    "RSS after: the bot process's resident memory after its last burst (the start-up section's RSS is after 200 answers, the issue's target).",
    `target ≥ ${count(TARGETS.updatesPerSecond)} updates/s through each adapter: ${met(slowest >= TARGETS.updatesPerSecond)} ` +
      `(burst ${result.adapters.map((a) => `${a.framework} ${count(a.burst.updatesPerSecond)}`).join(", ")}; ` +
      `one core's capacity ${result.adapters.map((a) => `${a.framework} ${count(a.capacityPerCore)}`).join(", ")})`,
  ];
  if (result.status === "failed") lines.unshift(result.message);
  return lines.join("\n");
}

/** Section 4 as text; the first variant (the compiled bot) is held against the targets. */
export function startupReport(startup: readonly StartupResult[]): string {
  const table = formatTable(
    ["start", "spawn→ready ms", "boot ms", "imports ms", "load KB ms", "build core ms", "RSS ready MB", "RSS warm MB", "heap warm MB", "match p50 ms", "match p99 ms"],
    startup.map(({ variant, median: m }) => [
      variant,
      ms(m.spawnToReadyMs),
      ms(m.bootMs),
      ms(m.importMs),
      ms(m.loadKnowledgeMs),
      ms(m.buildCoreMs),
      mb(m.rssReadyMB),
      mb(m.rssWarmMB),
      mb(m.heapWarmMB),
      ms(m.matchP50Ms),
      ms(m.matchP99Ms),
    ]),
  );
  const lines = [table, ...startup.map((s) => `${s.variant}: ${s.command}`)];
  const production = startup[0];
  if (production) {
    const m = production.median;
    lines.push(
      `target ready < ${TARGETS.readyMs} ms (${production.variant}): ${met(m.spawnToReadyMs < TARGETS.readyMs)}; ` +
        `target RSS < ${TARGETS.rssMB} MB after warm-up: ${met(m.rssWarmMB < TARGETS.rssMB)}`,
      `target p99 < ${TARGETS.p99RealMs} ms at real size, in the bot's own fresh process: ${met(m.matchP99Ms < TARGETS.p99RealMs)} ` +
        `(${ms(m.matchP99Ms)} ms; section 2 times it inside the bench process, whose heap holds every other engine)`,
    );
  }
  return lines.join("\n");
}

/** The header line naming the machine. */
export function machineLine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores (${machine.availableParallelism} usable), ${Math.round(machine.totalMemoryMB / 1024)} GB, ${machine.os}, node ${machine.node}, load ${machine.loadAverage.join(" ")}, ${machine.date}`;
}
