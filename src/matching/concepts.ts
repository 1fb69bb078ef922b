/**
 * Concepts: words that say the same thing in this domain (单位, 公司, 领导 are all "work"; 报警,
 * 派出所, 警察 are all "police"), listed in `intents/lexicon.yaml`. A text that uses any of a
 * concept's words gets the concept as one more token, so a question about "领导" meets a phrasing
 * about "单位" the way two texts sharing a word do. Unlike a rewrite, the words themselves stay.
 */
import type { Concept } from "../knowledge/types.ts";
import { wordsPattern } from "./normalise/lexicon.ts";
import type { WeightedTokens } from "./tokenise.ts";

/** Prefix of concept tokens: never a character of normalised text, so never a real token. */
const MARK = "§";

/** Adds a text's concepts to its tokens (a map of the caller's own, changed in place) and returns it. */
export type ConceptTagger = (text: string, tokens: Map<string, number>) => WeightedTokens;

/**
 * Compiles the concepts into one pass over a text.
 * @param normalise applied to every word first, so words are written as the lexicon's rules are.
 * @param weight of a concept token (a bigram weighs 1).
 */
export function createConceptTagger(concepts: readonly Concept[], normalise: (text: string) => string, weight: number): ConceptTagger {
  const conceptOf = new Map<string, string>();
  for (const c of concepts) {
    for (const word of c.words) {
      const key = normalise(word);
      if (key) conceptOf.set(key, MARK + c.concept);
    }
  }
  if (conceptOf.size === 0 || weight <= 0) return (_, tokens) => tokens;
  const pattern = wordsPattern(conceptOf.keys());
  return (text, tokens) => {
    const found = text.match(pattern);
    if (found) for (const word of found) tokens.set(conceptOf.get(word)!, weight);
    return tokens;
  };
}
