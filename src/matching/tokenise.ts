/**
 * Tokens for matching unspaced Chinese: overlapping character bigrams over runs of Chinese
 * characters and numbers (a number counts as one character), plus whole ASCII words, plus single
 * characters at a lower weight. Bigrams measured better than `Intl.Segmenter` words on our dev
 * set (see bench/README.md), because a typo or an unknown word breaks only the two bigrams it
 * touches.
 */

// A unit is one Chinese character, a whole number (90, 1.5, #), or an ASCII word.
const UNIT = /[\p{Script=Han}]|[0-9][0-9.]*|#|[a-z]+/gu;

/** Splits normalised text into units: Han characters, numbers and ASCII words. */
export function units(text: string): string[] {
  return text.match(UNIT) ?? [];
}

import { preparedWords, type PreparedTexts } from "./prepared.ts";

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Words of normalised text by Node's own `Intl.Segmenter` (ICU's Chinese dictionary), for
 * fuse.js's token search; punctuation and spaces are dropped.
 */
export function words(text: string): string[] {
  const known = preSegmented.get(text);
  if (known) return [...known];
  if (prepared) return [...preparedWords(prepared, text, segment)];
  return segment(text);
}

/** Words of `text` by `Intl.Segmenter`, punctuation and spaces dropped. */
function segment(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

// Segmentations kept between starts (matching/prepared.ts), while `withPrepared` runs.
let prepared: PreparedTexts | undefined;

/**
 * Runs `fn` (building the matcher's indexes) while `words` reads segmentations from `texts` and
 * adds the ones it had to compute, so the next start skips ICU for every known phrasing.
 */
export function withPrepared<T>(texts: PreparedTexts, fn: () => T): T {
  const outer = prepared;
  prepared = texts;
  try {
    return fn();
  } finally {
    prepared = outer;
  }
}

// Texts whose words are already known, while `withWords` runs.
const preSegmented = new Map<string, readonly string[]>();

/**
 * Runs `fn` while `words(text)` returns `list` without segmenting `text` again: the matcher
 * hands fuse.js a question it has already split into words.
 */
export function withWords<T>(text: string, list: readonly string[], fn: () => T): T {
  preSegmented.set(text, list);
  try {
    return fn();
  } finally {
    preSegmented.delete(text);
  }
}

/** Tokens with their weights: bigrams (and single units) weigh 1, added single characters less. */
export type WeightedTokens = ReadonlyMap<string, number>;

const HAN = /^\p{Script=Han}$/u;
// Whether a unit is a Han character, remembered per character (the test runs once each).
const hanUnits = new Map<string, boolean>();
const isHan = (unit: string): boolean => {
  let han = hanUnits.get(unit);
  if (han === undefined) {
    han = HAN.test(unit);
    if (hanUnits.size < 100_000) hanUnits.set(unit, han);
  }
  return han;
};

/**
 * The tokens both matcher stages score with. Runs of Han characters and numbers give
 * overlapping bigrams (花呗逾期 → 花呗 呗逾 逾期) at weight 1; a run of one unit, and every ASCII
 * word, is a token of its own at weight 1; and each Han character of a longer run is added at
 * `unigramWeight` unless it is already a token (0 leaves single characters out).
 */
export function weightedTokens(text: string, unigramWeight: number): Map<string, number> {
  const tokens = new Map<string, number>();
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) tokens.set(run[0]!, 1);
    for (let i = 0; i + 1 < run.length; i++) tokens.set(run[i]! + run[i + 1]!, 1);
    if (unigramWeight > 0 && run.length > 1) {
      for (const unit of run) if (!tokens.has(unit) && isHan(unit)) tokens.set(unit, unigramWeight);
    }
    run = [];
  };
  for (const chunk of text.split(" ")) {
    for (const part of units(chunk)) {
      const code = part.charCodeAt(0);
      if (code >= 97 && code <= 122) {
        // An ASCII word (the normaliser lower-cased it).
        flush();
        tokens.set(part, 1);
      } else {
        run.push(part);
      }
    }
    flush();
  }
  return tokens;
}
