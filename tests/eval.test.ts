/**
 * The CI floor on matching quality. The figures are measured by `npm run eval` (bench/README.md);
 * the floors sit a little below them so a real regression fails, and noise in content edits
 * does not.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate, readEvalFile } from "../bench/evaluate.ts";
import { shippedCore } from "./support/shipped.ts";

const { kb, matcher } = shippedCore();

// Each evaluation also scores plain fuse.js over every phrasing (~40 ms a question), which can
// take longer than the default test timeout on a busy 2-core machine.
const EVAL_TIMEOUT_MS = 120_000;

describe("matching quality", () => {
  it("holds the floor on the labelled dev set (written apart from the phrasings)", () => {
    const rows = readEvalFile("tests/fixtures/dev-set.tsv");
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const r = evaluate(kb, matcher, rows);
    expect(r.top1).toBeGreaterThanOrEqual(0.84);
    expect(r.top3).toBeGreaterThanOrEqual(0.95);
    expect(r.answerPrecision).toBeGreaterThanOrEqual(0.95);
    expect(r.outOfScopeRecall).toBeGreaterThanOrEqual(0.9);
    expect(r.top1).toBeGreaterThan(r.baseline.top1 + 0.3);
  }, EVAL_TIMEOUT_MS);

  it("holds the floor on the blind set (written from the topic definitions alone, never tuned on)", () => {
    const rows = readEvalFile("tests/fixtures/blind-set.tsv");
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const r = evaluate(kb, matcher, rows);
    expect(r.top1).toBeGreaterThanOrEqual(0.86);
    expect(r.top3).toBeGreaterThanOrEqual(0.96);
    expect(r.answerPrecision).toBeGreaterThanOrEqual(0.93);
    expect(r.outOfScopeRecall).toBeGreaterThanOrEqual(0.88);
  }, EVAL_TIMEOUT_MS);

  it.skipIf(!existsSync("../shared/eval/real-dev.tsv"))("holds the floor on the real customer questions", () => {
    const r = evaluate(kb, matcher, readEvalFile("../shared/eval/real-dev.tsv"));
    expect(r.top1).toBeGreaterThanOrEqual(0.85);
    expect(r.top3).toBeGreaterThanOrEqual(0.97);
    expect(r.answerPrecision).toBeGreaterThanOrEqual(0.95);
    expect(r.outOfScopeRecall).toBeGreaterThanOrEqual(0.85);
  }, EVAL_TIMEOUT_MS);
});
