/**
 * Section 2: how our matcher's cost grows with the knowledge base. Synthetic knowledge bases of
 * recombined real phrasings are built with the real `createMatcher` and queried with dev questions.
 */
import { spawn } from "node:child_process";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { createMatcher } from "../../src/matching/matcher.ts";
import { collectGarbage, readMemory } from "./memory.ts";
import { createRandom, type LatencySummary, logLogSlope, timeLoop } from "./stats.ts";
import { createSyntheticKnowledge, realPhrasings, warmUpTexts } from "./synthetic.ts";

/** One size of the scale run. */
export interface ScalePoint {
  /** `real` for the actual knowledge base, `synthetic` for the recombined ones. */
  kind: "real" | "synthetic";
  intents: number;
  /** Indexed texts: questions plus phrasings (before the matcher removes duplicates). */
  texts: number;
  /** createMatcher: normalising every text, tokenising, IDF, fuse.js index. */
  buildMs: number;
  /** Heap growth from building the matcher (after a full GC), MB. */
  heapDeltaMB: number;
  /** Resident-set growth from building the matcher, MB (RSS rarely shrinks, so an upper bound). */
  rssDeltaMB: number;
  latency: LatencySummary;
}

/** The scale section's result. */
export interface ScaleResult {
  points: ScalePoint[];
  /** Slope of log(p99) on log(intents) over the synthetic sizes: p99 ∝ intents^k. */
  p99Exponent: number;
  /** Same for p50, steadier with few samples. */
  p50Exponent: number;
}

/** Sizes and time bounds of the scale run. */
export interface ScaleOptions {
  sizes: readonly number[];
  /** Dev questions sampled (the same sample at every size). */
  sample: number;
  passes: number;
  /**
   * Untimed recombined questions before timing each size. A bot answers thousands of messages
   * an hour; over its first thousand or so V8 is still optimising the matcher and growing the
   * young generation, which showed in the tail (real size on one core, six fresh processes each:
   * p99 0.87–1.83 ms after 200, 0.39–0.86 ms after 2,000), so the steady state is timed. A
   * quarter of them are scrambled, so words the knowledge base lacks are met too (see
   * `warmUpTexts`).
   */
  warmup: number;
  /** Wall-time budget of each size's timed loop, ms (the 10,000 case is bounded by it). */
  budgetMs: number;
}

/** The sizes and bounds `npm run bench` uses (the 10,000 case takes most of a minute). */
export const DEFAULT_SCALE_OPTIONS: Readonly<ScaleOptions> = Object.freeze({
  sizes: [100, 1_000, 10_000],
  sample: 200,
  passes: 3,
  warmup: 2_000,
  budgetMs: 10_000,
});

/** Picks `count` items, deterministic for a seed (a partial Fisher–Yates shuffle). */
export function sample<T>(items: readonly T[], count: number, seed = 3): T[] {
  const copy = [...items];
  const random = createRandom(seed);
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

async function measurePoint(
  kb: KnowledgeBase,
  kind: ScalePoint["kind"],
  questions: readonly string[],
  warm: readonly string[],
  options: ScaleOptions,
): Promise<ScalePoint> {
  const before = readMemory();
  const start = performance.now();
  const matcher = createMatcher(kb);
  const buildMs = performance.now() - start;
  const after = readMemory();
  for (const q of warm) matcher.match(q);
  const latency = await timeLoop(questions, (q) => matcher.match(q), {
    warmup: 0,
    beforeTiming: collectGarbage,
    passes: options.passes,
    budgetMs: options.budgetMs,
  });
  return {
    kind,
    intents: kb.intents.length,
    texts: kb.intents.reduce((n, i) => n + 1 + i.phrasings.length, 0),
    buildMs,
    heapDeltaMB: after.heapMB - before.heapMB,
    rssDeltaMB: after.rssMB - before.rssMB,
    latency,
  };
}

/**
 * Measures the real knowledge base and each synthetic size, smallest first, printing a line per
 * size as it goes (the 10,000 case takes a while).
 */
export async function measureScale(
  real: KnowledgeBase,
  devQuestions: readonly string[],
  options: ScaleOptions = DEFAULT_SCALE_OPTIONS,
  progress: (line: string) => void = () => undefined,
): Promise<ScaleResult> {
  const questions = sample(devQuestions, options.sample);
  const warm = warmUpTexts(realPhrasings(real), options.warmup, 5);
  const points: ScalePoint[] = [await measurePoint(real, "real", questions, warm, options)];
  progress(`scale: real (${real.intents.length} intents) done`);
  for (const size of options.sizes) {
    const point = await measurePoint(createSyntheticKnowledge(real, size), "synthetic", questions, warm, options);
    points.push(point);
    progress(`scale: ${size} intents done (${point.latency.samples} timed queries)`);
  }
  const synthetic = points.filter((p) => p.kind === "synthetic");
  return {
    points,
    p99Exponent: logLogSlope(synthetic.map((p) => ({ x: p.intents, y: p.latency.p99 }))),
    p50Exponent: logLogSlope(synthetic.map((p) => ({ x: p.intents, y: p.latency.p50 }))),
  };
}

/** The V8 flags of the one-core run: every garbage collection on the matching thread. */
export const ONE_CORE_FLAGS: readonly string[] = Object.freeze(["--single-threaded-gc", "--expose-gc"]);

/**
 * Runs the scale section in a fresh process on one core (`bench/scale-probe.ts` with
 * {@link ONE_CORE_FLAGS}); rejects with the probe's last words if it fails.
 */
export function measureScaleOnOneCore(progress: (line: string) => void = () => undefined): Promise<ScaleResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ONE_CORE_FLAGS, "--import", "tsx", "bench/scale-probe.ts"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
      for (const line of chunk.split("\n")) if (line.startsWith("· ")) progress(line.slice(2));
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`scale probe exited ${code}: ${err.trim().split("\n").slice(-5).join("\n")}`));
      try {
        resolve(JSON.parse(out) as ScaleResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
