/**
 * Every fuse.js option the matcher uses, pinned here in one place. Nothing is inherited from
 * Fuse's defaults (threshold 0.6, location 0, distance 100 are far too loose for short FAQ text).
 */
import type { IFuseOptions } from "fuse.js";
import { words } from "./tokenise.ts";

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
