/**
 * Every fuse.js option the matcher uses, pinned here in one place. Nothing is inherited from
 * Fuse's defaults (threshold 0.6, location 0, distance 100 are far too loose for short FAQ text).
 */
import type Fuse from "fuse.js";
import type { IFuseOptions } from "fuse.js";
import { withWords, words } from "./tokenise.ts";

/** One indexed phrasing: the text (normalised) and the intent it belongs to. */
export interface PhrasingDoc {
  /** Normalised phrasing text. */
  text: string;
  /** Index of the intent (or of the out-of-scope class) in the matcher's class list. */
  cls: number;
}

/** fuse.js options for token search over normalised phrasings. */
export const FUSE_OPTIONS: Readonly<IFuseOptions<PhrasingDoc>> = Object.freeze({
  keys: [{ name: "text", weight: 1 }],
  // Token search: TF-IDF weighted coverage of the query's words (Intl.Segmenter), each found
  // in the phrasing by bitap. Words of 3+ characters may differ by one character, anywhere in
  // the word; two-character words must match exactly (threshold 0.34). The matcher gives fuse.js
  // only words of two or more characters, so minMatchCharLength 1 admits no one-character hit;
  // with 2, bitap also had to record every match position (an eighth of what a question
  // allocated), and a typo in the middle of a three-character word (two runs of one) was refused.
  // Same eval figures either way.
  useTokenSearch: true,
  tokenize: (text: string) => words(text),
  tokenMatch: "any",
  threshold: 0.34,
  ignoreLocation: true,
  location: 0,
  distance: 100,
  findAllMatches: false,
  minMatchCharLength: 1,
  includeScore: true,
  includeMatches: false,
  shouldSort: true,
  isCaseSensitive: true, // the normaliser already lower-cased
  ignoreDiacritics: false,
  ignoreFieldNorm: true, // length is handled by the matcher's document coverage
  fieldNormWeight: 1,
  useExtendedSearch: false,
});

/**
 * Options of the plain fuse.js baseline the eval reports beside our matcher: fuse's defaults
 * over the raw phrasings, what a developer would get from `new Fuse(list, { keys })`.
 */
export const BASELINE_FUSE_OPTIONS: Readonly<IFuseOptions<PhrasingDoc>> = Object.freeze({
  keys: ["text"],
  includeScore: true,
});

/** What fuse.js's search of one text gives: a match, and a score from 0 (exact) to 1. */
export interface FuseTextResult {
  isMatch: boolean;
  score: number;
}

/**
 * The searcher fuse.js builds for a token-search query (`Fuse#_getSearcher`): one bitap searcher
 * and one IDF weight per query word, and `searchIn(text)` over all of them.
 */
export interface TokenSearcher {
  termSearchers?: ReadonlyArray<{ pattern: string; searchIn(text: string): FuseTextResult }>;
  idfWeights?: readonly number[];
  searchIn(text: string): FuseTextResult;
}

const NO_MATCH: FuseTextResult = Object.freeze({ isMatch: false, score: 1 });

/**
 * `searcher.searchIn(text)` with the same result, faster: fuse.js runs bitap for every query word,
 * although a word found verbatim always scores 0.001 (0 when it is the whole text), and a word
 * too short to allow one wrong character at `threshold` (two characters at 0.34) matches only
 * verbatim. Those are scored here without bitap, which runs only for longer words that are not
 * there as written (a typo, a near miss). Falls back to
 * fuse.js's own `searchIn` if the searcher does not have the shape of fuse.js 7's token search
 * (`tests/matching/fuse-options.test.ts` holds the two equal).
 */
export function searchWords(searcher: TokenSearcher, text: string, threshold = FUSE_OPTIONS.threshold ?? 0.6): FuseTextResult {
  const { termSearchers: terms, idfWeights: idf } = searcher;
  if (!terms || !idf || terms.length !== idf.length) return searcher.searchIn(text);
  let weighted = 0;
  let possible = 0;
  let matched = false;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    possible += idf[i]!;
    let score: number;
    if (term.pattern === text) score = 0;
    else if (term.pattern.length > 0 && term.pattern.length <= 32 && text.includes(term.pattern)) score = 0.001;
    else if (term.pattern.length * threshold < 1) continue; // too short for even one wrong character
    else {
      const result = term.searchIn(text);
      if (!result.isMatch) continue;
      score = result.score;
    }
    matched = true;
    weighted += idf[i]! * (1 - score);
  }
  if (!matched) return NO_MATCH;
  return { isMatch: true, score: Math.max(0.001, possible > 0 ? 1 - weighted / possible : 0) };
}

/** One query word's bitap searcher and IDF weight, as fuse.js's token search builds them. */
interface WordSearcher {
  searcher: { pattern: string; searchIn(text: string): FuseTextResult };
  idf: number;
}

/**
 * fuse.js's token searcher for a question's words, assembled from one searcher per word that is
 * built once and kept. fuse.js builds a bitap searcher (and its pattern alphabet) and looks up
 * an IDF weight for every word of every question, although a word's searcher and weight depend
 * on nothing but the word and the indexed phrasings; questions share most of their words (逾期,
 * 催收, 怎么办). The result has the same terms and weights, in the same order, as
 * `fuse._getSearcher(words.join(" "))` (`tests/matching/fuse-options.test.ts` holds them equal).
 * At most `capacity` words are kept; the cache starts again when it is full.
 */
export function createWordSearchers(fuse: Fuse<PhrasingDoc>, capacity = 20_000): (list: readonly string[]) => TokenSearcher {
  const known = new Map<string, WordSearcher | null>();
  // fuse.js's own searcher for these words, as its token search would split them.
  const searcherOf = (list: readonly string[]) => {
    const query = list.join(" ");
    return withWords(query, list, () => fuse._getSearcher(query) as TokenSearcher);
  };
  // The words not seen before, built in one searcher (one fuse.js call a question, as before
  // the cache) and kept one by one; null for each if fuse.js's searcher has another shape.
  const learn = (words: readonly string[]) => {
    if (known.size + words.length > capacity) known.clear();
    const { termSearchers: terms, idfWeights: idf } = searcherOf(words);
    const usable = terms?.length === words.length && idf?.length === words.length;
    words.forEach((word, i) => known.set(word, usable ? { searcher: terms[i]!, idf: idf[i]! } : null));
  };
  return (list) => {
    let unknown: Set<string> | undefined;
    for (const word of list) if (!known.has(word)) (unknown ??= new Set()).add(word);
    if (unknown) learn([...unknown]);
    const termSearchers: WordSearcher["searcher"][] = [];
    const idfWeights: number[] = [];
    for (const word of list) {
      const entry = known.get(word);
      // Not the shape of fuse.js 7's token search: fuse.js's own searcher for the whole question.
      if (!entry) return searcherOf(list);
      termSearchers.push(entry.searcher);
      idfWeights.push(entry.idf);
    }
    let full: TokenSearcher | undefined;
    return { termSearchers, idfWeights, searchIn: (text) => (full ??= searcherOf(list)).searchIn(text) };
  };
}
