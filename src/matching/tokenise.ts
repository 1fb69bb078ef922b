/**
 * Tokens for matching unspaced Chinese: overlapping character bigrams over runs of Chinese
 * characters and numbers (a number counts as one character), plus whole ASCII words. Bigrams
 * measured better than `Intl.Segmenter` words on our dev set (see bench/README.md), because a
 * typo or an unknown word breaks only the two bigrams it touches.
 */

// A unit is one Chinese character, a whole number (90, 1.5, #), or an ASCII word.
const UNIT = /[\p{Script=Han}]|[0-9][0-9.]*|#|[a-z]+/gu;

/** Splits normalised text into units: Han characters, numbers and ASCII words. */
export function units(text: string): string[] {
  return text.match(UNIT) ?? [];
}

/**
 * Tokenises normalised text. Runs of Han characters and numbers give overlapping bigrams
 * (花呗逾期 → 花呗 呗逾 逾期); a run of one unit, and every ASCII word, is a token of its own.
 * With `unigrams`, single Han characters are added too.
 */
export function tokenise(text: string, unigrams = false): string[] {
  const tokens: string[] = [];
  for (const chunk of text.split(" ")) {
    const parts = units(chunk);
    let run: string[] = [];
    const flush = () => {
      if (run.length === 1) tokens.push(run[0]!);
      for (let i = 0; i + 1 < run.length; i++) tokens.push(run[i]! + run[i + 1]!);
      if (unigrams && run.length > 1) for (const u of run) if (/\p{Script=Han}/u.test(u)) tokens.push(u);
      run = [];
    };
    for (const part of parts) {
      if (/^[a-z]/.test(part)) {
        flush();
        tokens.push(part);
      } else {
        run.push(part);
      }
    }
    flush();
  }
  return tokens;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Words of normalised text by Node's own `Intl.Segmenter` (ICU's Chinese dictionary), for
 * fuse.js's token search; punctuation and spaces are dropped.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Tokens with their weights: bigrams (and single units) weigh 1, added single characters less. */
export type WeightedTokens = ReadonlyMap<string, number>;

/**
 * The tokens both matcher stages score with: every token of {@link tokenise} at weight 1, plus
 * single Han characters at `unigramWeight` (0 leaves them out).
 */
export function weightedTokens(text: string, unigramWeight: number): WeightedTokens {
  const tokens = new Map<string, number>();
  for (const t of tokenise(text, false)) tokens.set(t, 1);
  if (unigramWeight > 0) {
    for (const t of tokenise(text, true)) if (!tokens.has(t)) tokens.set(t, unigramWeight);
  }
  return tokens;
}
