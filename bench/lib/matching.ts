/**
 * Section 1: matching quality and speed, ours beside the baselines, on the same questions in the
 * same process.
 */
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { inScope, type QuestionSet } from "./dataset.ts";
import type { Engine } from "./engine.ts";
import { collectGarbage } from "./memory.ts";
import { type LatencySummary, timeLoop } from "./stats.ts";
import { realPhrasings, warmUpTexts } from "./synthetic.ts";

/** Top-1 topic accuracy on the in-scope rows of one set. */
export interface Accuracy {
  set: string;
  correct: number;
  total: number;
  /** correct / total, in [0, 1]. */
  accuracy: number;
}

/** Everything measured for one engine. */
export interface MatchingResult {
  engine: string;
  setup: string;
  buildMs: number;
  latency: LatencySummary;
  /** One entry per question set; absent for engines whose top topic is not a ranking (respond). */
  accuracy: Accuracy[];
}

/** How the timed loops run. */
export interface MatchingOptions {
  /**
   * Untimed questions first: recombined phrasings, so no engine has seen their exact text, a
   * quarter of them scrambled, so words no phrasing has come up too (`warmUpTexts`).
   */
  warmup: number;
  /** Timed passes over the latency questions. */
  passes: number;
  /** Wall-time budget of each engine's timed loop, ms (plain fuse.js is slow). */
  budgetMs: number;
}

/** The loop sizes `npm run bench` uses. */
export const DEFAULT_MATCHING_OPTIONS: Readonly<MatchingOptions> = Object.freeze({
  warmup: 200,
  passes: 3,
  budgetMs: 10_000,
});

/**
 * Share of in-scope rows whose top topic is among the expected ones. `known` holds answers
 * already given for exact questions (from the first timed pass), so they are not asked twice.
 */
export async function measureAccuracy(
  engine: Engine,
  set: QuestionSet,
  known: ReadonlyMap<string, string | undefined> = new Map(),
): Promise<Accuracy> {
  const rows = inScope(set);
  let correct = 0;
  for (const row of rows) {
    const topic = known.has(row.question) ? known.get(row.question) : await engine.topTopic(row.question);
    if (topic !== undefined && row.topics.includes(topic)) correct++;
  }
  return { set: set.name, correct, total: rows.length, accuracy: rows.length ? correct / rows.length : Number.NaN };
}

/**
 * Pass `p` sends each question with `p` trailing spaces. Every engine ignores trailing
 * whitespace, but NLP.js memoises its tokenizer output per exact text, so without this its
 * later passes would skip work the others do.
 */
export function passVariants(questions: readonly string[], passes: number): string[][] {
  return Array.from({ length: passes }, (_, p) => questions.map((q) => q + " ".repeat(p)));
}

/** Measures one engine: latency over `latencyQuestions`, accuracy over every set. */
export async function measureEngine(
  engine: Engine,
  kb: KnowledgeBase,
  latencyQuestions: readonly string[],
  sets: readonly QuestionSet[],
  options: MatchingOptions,
  rankAccuracy = true,
): Promise<MatchingResult> {
  const warm = warmUpTexts(realPhrasings(kb), options.warmup, 11);
  for (const q of warm) await engine.topTopic(q);
  const inputs = passVariants(latencyQuestions, options.passes).flat();
  // The first pass sends the questions unchanged: keep its answers for the accuracy.
  const known = new Map<string, string | undefined>();
  let index = 0;
  const call = (q: string) => {
    const first = index++ < latencyQuestions.length;
    const topic = engine.topTopic(q);
    if (!first) return topic;
    if (topic instanceof Promise) return topic.then((t) => known.set(q, t));
    known.set(q, topic);
    return topic;
  };
  const latency = await timeLoop(inputs, call, { warmup: 0, passes: 1, budgetMs: options.budgetMs, beforeTiming: collectGarbage });
  const accuracy: Accuracy[] = [];
  if (rankAccuracy) for (const set of sets) accuracy.push(await measureAccuracy(engine, set, known));
  return { engine: engine.name, setup: engine.setup, buildMs: engine.buildMs, latency, accuracy };
}
