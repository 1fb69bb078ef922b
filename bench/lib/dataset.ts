/**
 * The labelled question sets, read with the eval harness's reader (`readEvalFile`), reduced to
 * what the benchmark scores: the acceptable topics of each question. Questions of the real set
 * stay in memory only: nothing here writes them anywhere.
 */
import { existsSync } from "node:fs";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { readEvalFile } from "../evaluate.ts";

/** One labelled question. */
export interface LabelledQuestion {
  question: string;
  /** Acceptable topics; empty when the question is out of scope (`none`). */
  topics: readonly string[];
}

/** A labelled set, with where it came from. */
export interface QuestionSet {
  /** Short name used in tables and results.json. */
  name: string;
  /** Path it was read from. */
  path: string;
  rows: readonly LabelledQuestion[];
}

/** The repository's dev set. */
export const DEV_SET_PATH = "tests/fixtures/dev-set.tsv";
/**
 * The labelled sets in the repository: the dev set and the blind sets, each written apart from
 * the phrasings. The eval reads them by default and the independence test checks them all.
 */
export const LABELLED_SET_PATHS: readonly string[] = [
  DEV_SET_PATH,
  "tests/fixtures/blind-set.tsv",
  "tests/fixtures/blind-set-2.tsv",
  "tests/fixtures/blind-set-3.tsv",
  "tests/fixtures/blind-set-4.tsv",
  "tests/fixtures/blind-set-5.tsv",
];
/** The real questions, outside the repository; used only when present. */
export const REAL_DEV_PATH = "../shared/eval/real-dev.tsv";

/**
 * Reads a labelled set; returns `undefined` when the file does not exist. `intent:` labels
 * become their intents' topics (with `kb`; without it they are kept as they are).
 */
export function readQuestionSet(name: string, path: string, kb?: KnowledgeBase): QuestionSet | undefined {
  if (!existsSync(path)) return undefined;
  const rows = readEvalFile(path).map(({ question, expected }): LabelledQuestion => {
    if (expected.kind === "none") return { question, topics: [] };
    if (expected.kind === "topic" || !kb) return { question, topics: expected.ids };
    return { question, topics: expected.ids.map((id) => kb.intentById.get(id)?.topic ?? id) };
  });
  return { name, path, rows };
}

/** The rows that have an in-scope topic, the ones top-1 topic accuracy is computed on. */
export function inScope(set: QuestionSet): LabelledQuestion[] {
  return set.rows.filter((r) => r.topics.length > 0);
}
