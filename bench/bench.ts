/**
 * `npm run bench`: speed, memory and scale of the matcher beside the alternatives, in one run so
 * a noisy machine affects all of them alike (issue 6). Prints a report and writes
 * `bench/results.json`. Timings are reported, never asserted. bench/README.md explains every number.
 *
 * Sections: 1 matching quality and speed (ours, fuse.js defaults, MiniSearch, NLP.js);
 * 2 scale on synthetic knowledge bases (here, and again on one core in a process of its own); 3 end to end through the adapters; 4 start-up and memory.
 */
import { renameSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { loadKnowledge } from "../src/knowledge/load.ts";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import { createNormaliser } from "../src/matching/normalise/index.ts";
import { DEV_SET_PATH, inScope, type QuestionSet, readQuestionSet, REAL_DEV_PATH } from "./lib/dataset.ts";
import { DEFAULT_END_TO_END_OPTIONS, measureEndToEnd } from "./lib/end-to-end.ts";
import type { Engine } from "./lib/engine.ts";
import { createFuseBaselineEngine } from "./lib/engine-fuse.ts";
import { createMiniSearchEngine } from "./lib/engine-minisearch.ts";
import { createNlpJsEngine } from "./lib/engine-nlpjs.ts";
import { createOurMatcherEngine, createOurRespondEngine } from "./lib/engine-ours.ts";
import { buildDist } from "./lib/build.ts";
import { describeMachine } from "./lib/machine.ts";
import { DEFAULT_MATCHING_OPTIONS, measureEngine, type MatchingResult } from "./lib/matching.ts";
import { canCollect } from "./lib/memory.ts";
import { baselineRatios, endToEndReport, machineLine, matchingReport, scaleReport, startupReport, TARGETS } from "./lib/report.ts";
import { DEFAULT_SCALE_OPTIONS, measureScale, measureScaleOnOneCore, ONE_CORE_FLAGS } from "./lib/scale.ts";
import { measureStartup } from "./lib/startup.ts";

/** Where the machine-readable results go. */
const RESULTS_PATH = "bench/results.json";
/** Fresh processes the start-up section runs. */
const STARTUP_RUNS = 5;

const progress = (line: string) => process.stderr.write(`· ${line}\n`);

/** Section 1; the engines are dropped on return, so their memory does not skew section 2. */
async function runMatching(kb: KnowledgeBase, sets: readonly QuestionSet[], questions: readonly string[]): Promise<MatchingResult[]> {
  progress("matching: building engines");
  const engines: Array<{ engine: Engine; ranked: boolean }> = [
    { engine: createOurMatcherEngine(kb), ranked: true },
    { engine: createOurRespondEngine(kb), ranked: false },
    { engine: createFuseBaselineEngine(kb), ranked: true },
    { engine: createMiniSearchEngine(kb), ranked: true },
  ];
  progress("matching: training NLP.js");
  engines.push({ engine: await createNlpJsEngine(kb), ranked: true });
  const results: MatchingResult[] = [];
  for (const { engine, ranked } of engines) {
    progress(`matching: ${engine.name}`);
    results.push(await measureEngine(engine, kb, questions, sets, DEFAULT_MATCHING_OPTIONS, ranked));
  }
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  const kb = loadKnowledge({ dir: "intents" });
  // OpenCC's dictionaries are built once per process; build them before any build is timed.
  createNormaliser(kb.lexicon);

  const dev = readQuestionSet("dev", DEV_SET_PATH, kb);
  if (!dev) throw new Error(`${DEV_SET_PATH} is missing`);
  const real = readQuestionSet("real-dev", REAL_DEV_PATH, kb);
  const sets: QuestionSet[] = real ? [dev, real] : [dev];
  const latencyQuestions = dev.rows.map((r) => r.question);

  // === 1. Matching
  const matching = await runMatching(kb, sets, latencyQuestions);
  const ratios = baselineRatios(matching[0]!, matching);

  // === 2. Scale
  const scale = await measureScale(kb, latencyQuestions, DEFAULT_SCALE_OPTIONS, progress);
  const scaleOneCore = await measureScaleOnOneCore(progress).catch((error: unknown) => {
    progress(`scale on one core failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });

  // Sections 3 and 4 run the compiled bot, as production does.
  progress("building dist/ (npm run build)");
  buildDist();

  // === 3. End to end
  const endToEnd = await measureEndToEnd(latencyQuestions, DEFAULT_END_TO_END_OPTIONS, progress);

  // === 4. Start-up and memory
  progress(`start-up: ${STARTUP_RUNS} fresh processes per way of starting`);
  const startup = await measureStartup(STARTUP_RUNS);

  const totalSeconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const setNames = sets.map((s) => s.name);
  const opts = DEFAULT_MATCHING_OPTIONS;
  const report = [
    `overdue-helper benchmarks: ${machineLine(machine)}`,
    "",
    `1. Matching: latency over the ${latencyQuestions.length} dev questions × ${opts.passes} passes ` +
      `(at most ${opts.budgetMs / 1000} s per engine) after ${opts.warmup} warm-up questions; ` +
      `top-1 = top intent's topic among the expected ones, in-scope rows only${real ? "" : " (real-dev.tsv absent)"}`,
    matchingReport(matching, setNames, ratios),
    "",
    `2. Scale: our matcher, ${DEFAULT_SCALE_OPTIONS.sample} sampled dev questions × up to ${DEFAULT_SCALE_OPTIONS.passes} passes ` +
      `after ${DEFAULT_SCALE_OPTIONS.warmup.toLocaleString("en-US")} warm-up questions, each size bounded to ${DEFAULT_SCALE_OPTIONS.budgetMs / 1000} s of timed queries${canCollect() ? "" : " (no forced GC: memory deltas are rough)"}`,
    scaleReport(scale, scaleOneCore),
    "",
    `3. End to end: each adapter in webhook mode, compiled (node dist/main.js), fake Bot API on 127.0.0.1; ` +
      `${DEFAULT_END_TO_END_OPTIONS.warmupRounds} untimed rounds then ${DEFAULT_END_TO_END_OPTIONS.rounds} timed ones, each a burst ` +
      `of ${DEFAULT_END_TO_END_OPTIONS.burst.toLocaleString("en-US")} updates at once (≤ ${DEFAULT_END_TO_END_OPTIONS.concurrency} open) per adapter, ` +
      `then ${DEFAULT_END_TO_END_OPTIONS.paced} updates paced at ${DEFAULT_END_TO_END_OPTIONS.pacedPerSecond}/s`,
    endToEndReport(endToEnd),
    "",
    `4. Start-up and memory (${STARTUP_RUNS} fresh processes each, after one that fills the start-up cache)`,
    startupReport(startup),
    "",
    `bench took ${totalSeconds.toFixed(0)} s; load average at the end ${loadAtEnd.join(" ")}; results in ${RESULTS_PATH}`,
  ].join("\n");
  console.log(report);

  const results = {
    machine,
    loadAverageAtEnd: loadAtEnd,
    durationSeconds: totalSeconds,
    targets: TARGETS,
    sets: sets.map((s) => ({ name: s.name, path: s.path, rows: s.rows.length, inScope: inScope(s).length })),
    matching: { options: opts, latencyQuestions: latencyQuestions.length, engines: matching, ratiosVsBaselines: ratios },
    scale: { options: DEFAULT_SCALE_OPTIONS, ...scale },
    scaleOneCore: scaleOneCore && { flags: ONE_CORE_FLAGS, ...scaleOneCore },
    endToEnd: { options: DEFAULT_END_TO_END_OPTIONS, ...endToEnd },
    startup,
  };
  writeFileSync(`${RESULTS_PATH}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${RESULTS_PATH}.tmp`, RESULTS_PATH);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
