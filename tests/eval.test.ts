/**
 * The CI floor on matching quality. The figures are measured by `npm run eval` (bench/README.md);
 * the floors sit a little below them so a real regression fails, and noise in content edits
 * does not.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate, readEvalFile } from "../bench/evaluate.ts";
import { LABELLED_SET_PATHS, REAL_DEV_PATH } from "../bench/lib/dataset.ts";
import { shippedCore } from "./support/shipped.ts";

const { kb, matcher } = shippedCore();

// Each evaluation also scores plain fuse.js over every phrasing (~40 ms a question), which can
// take longer than the default test timeout on a busy 2-core machine.
const EVAL_TIMEOUT_MS = 120_000;

/** The least each figure may be on a labelled set (shares, 0 to 1). */
interface Floors {
  rows: number;
  top1: number;
  top3: number;
  answerPrecision: number;
  outOfScopeRecall: number;
  /** How far top-1 must be ahead of plain fuse.js's (default 0.3; short questions are easier for it). */
  baselineLead?: number;
}

/** The most in-scope questions a set may see refused as out of scope (a share; 0.4–2.2% now). */
const MAX_REFUSED = 0.04;

/** `optional`: third-party data next to the repository, scored when present (always in CI). */
const SETS: Array<{ name: string; file: string; optional?: boolean; floors: Floors }> = [
  {
    name: "the labelled dev set (written apart from the phrasings)",
    file: "tests/fixtures/dev-set.tsv",
    floors: { rows: 300, top1: 0.88, top3: 0.96, answerPrecision: 0.95, outOfScopeRecall: 0.9 },
  },
  {
    name: "the blind set (written from the topic definitions alone, never tuned on)",
    file: "tests/fixtures/blind-set.tsv",
    floors: { rows: 200, top1: 0.86, top3: 0.96, answerPrecision: 0.93, outOfScopeRecall: 0.88 },
  },
  {
    name: "the second blind set (written from the topic definitions alone, never looked into)",
    file: "tests/fixtures/blind-set-2.tsv",
    floors: { rows: 200, top1: 0.87, top3: 0.96, answerPrecision: 0.93, outOfScopeRecall: 0.84 },
  },
  {
    name: "the third blind set (short customer-service questions from the topic definitions alone, never looked into)",
    file: "tests/fixtures/blind-set-3.tsv",
    floors: { rows: 200, top1: 0.82, top3: 0.95, answerPrecision: 0.88, outOfScopeRecall: 0.85, baselineLead: 0.15 },
  },
  {
    name: "the fourth blind set (short customer-service questions, 2026-11-24; its declined in-scope questions were looked into)",
    file: "tests/fixtures/blind-set-4.tsv",
    floors: { rows: 250, top1: 0.82, top3: 0.96, answerPrecision: 0.93, outOfScopeRecall: 0.85, baselineLead: 0.15 },
  },
  {
    name: "the fifth blind set (short customer-service questions, 2026-11-24, session 8; measured once, never looked into)",
    file: "tests/fixtures/blind-set-5.tsv",
    floors: { rows: 200, top1: 0.82, top3: 0.96, answerPrecision: 0.91, outOfScopeRecall: 0.9, baselineLead: 0.15 },
  },
  {
    name: "the real customer questions",
    file: "../shared/eval/real-dev.tsv",
    optional: true,
    floors: { rows: 100, top1: 0.88, top3: 0.97, answerPrecision: 0.95, outOfScopeRecall: 0.85 },
  },
];

describe("matching quality", () => {
  it("holds a floor on every labelled set the eval reads", () => {
    expect(SETS.map((set) => set.file)).toEqual([...LABELLED_SET_PATHS, REAL_DEV_PATH]);
  });

  for (const { name, file, optional, floors } of SETS) {
    it.skipIf(optional === true && !existsSync(file))(`holds the floor on ${name}`, () => {
      const rows = readEvalFile(file);
      expect(rows.length).toBeGreaterThanOrEqual(floors.rows);
      const r = evaluate(kb, matcher, rows);
      expect(r.top1).toBeGreaterThanOrEqual(floors.top1);
      expect(r.top3).toBeGreaterThanOrEqual(floors.top3);
      expect(r.answerPrecision).toBeGreaterThanOrEqual(floors.answerPrecision);
      expect(r.outOfScopeRecall).toBeGreaterThanOrEqual(floors.outOfScopeRecall);
      expect(r.inScopeRefused / r.inScope).toBeLessThanOrEqual(MAX_REFUSED);
      expect(r.top1).toBeGreaterThan(r.baseline.top1 + (floors.baselineLead ?? 0.3));
    }, EVAL_TIMEOUT_MS);
  }
});
