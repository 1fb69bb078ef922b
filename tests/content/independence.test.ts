/**
 * The knowledge base is written in our own words, and the eval sets measure matching rather
 * than recall of our own phrasings: no phrasing may be a copy of an eval question (or one a
 * character or two off), and no answer may reuse a seed article's sentences.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvalFile } from "../../bench/evaluate.ts";
import { LABELLED_SET_PATHS, REAL_DEV_PATH as REAL_DEV } from "../../bench/lib/dataset.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, matcher } = shippedCore();
const SEEDS = "../shared/seeds";

/** Normalised the way the matcher sees text, without spaces and punctuation. */
const bare = (text: string) => matcher.normaliser.normalise(text).replace(/[\s\p{P}\p{S}]/gu, "");

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  if (text.length === 1) out.add(text);
  return out;
}

/** Dice coefficient of two bigram sets. */
function dice(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size || 1);
}

/** Eval questions whose bigrams are at least 80% those of some phrasing or out-of-scope example. */
function nearCopies(file: string): string[] {
  const texts = [...kb.intents.flatMap((it) => [it.question, ...it.phrasings]), ...kb.outOfScope];
  const docs = texts.map((t) => ({ text: t, grams: bigrams(bare(t)) }));
  const found: string[] = [];
  for (const row of readEvalFile(file)) {
    const grams = bigrams(bare(row.question));
    const hit = docs.find((d) => dice(grams, d.grams) >= 0.8);
    if (hit) found.push(`${row.question} ~ ${hit.text}`);
  }
  return found;
}

describe("independence of the content", () => {
  it("has no dev-set or blind-set question among the phrasings, not even a character or two off", () => {
    expect(LABELLED_SET_PATHS.length).toBeGreaterThanOrEqual(6);
    for (const file of LABELLED_SET_PATHS) expect(nearCopies(file), file).toEqual([]);
  });

  it.skipIf(!existsSync(REAL_DEV))("has no real-dev question among the phrasings (third-party data stays out)", () => {
    expect(nearCopies(REAL_DEV)).toEqual([]);
  });

  it.skipIf(!existsSync(SEEDS))("writes every answer in its own words: no 10 characters in a row from a seed", () => {
    const SPAN = 10;
    const spans = new Set<string>();
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith(".txt"))) {
      const text = bare(readFileSync(join(SEEDS, file), "utf8"));
      for (let i = 0; i + SPAN <= text.length; i++) spans.add(text.slice(i, i + SPAN));
    }
    const copied: string[] = [];
    for (const it of kb.intents) {
      for (const point of it.answer) {
        const text = bare(point);
        for (let i = 0; i + SPAN <= text.length; i++) {
          if (spans.has(text.slice(i, i + SPAN))) {
            copied.push(`${it.id}: ${text.slice(i, i + SPAN)}`);
            break;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });
});
