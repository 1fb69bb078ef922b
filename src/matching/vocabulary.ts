/**
 * The vocabulary of the indexed phrasings: every token gets a number once, at build, and both
 * matcher stages (the inverted index and the centroids) work on those numbers. A question's
 * tokens are looked up once and handed to both, instead of each stage hashing every token
 * string again (the lookups were a tenth of a match).
 */
import type { WeightedTokens } from "./tokenise.ts";

/** A text's tokens as vocabulary ids with their weights, in the text's token order (-1: not in the vocabulary). */
export interface TokenIds {
  readonly ids: readonly number[];
  readonly weights: readonly number[];
}

/** The phrasings' tokens, numbered in the order they first appear. */
export interface Vocabulary {
  /** How many different tokens the phrasings have; ids run from 0 to size − 1. */
  readonly size: number;
  /** Each phrasing's tokens, in the order given. */
  readonly docs: readonly TokenIds[];
  /** A question's tokens; one it has that no phrasing has gets id −1. */
  lookUp(tokens: WeightedTokens): TokenIds;
}

/** Numbers the tokens of `docTokens` (the indexed phrasings). */
export function createVocabulary(docTokens: readonly WeightedTokens[]): Vocabulary {
  const numbers = new Map<string, number>();
  const docs = docTokens.map((tokens) => {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const [t, w] of tokens) {
      let id = numbers.get(t);
      if (id === undefined) {
        id = numbers.size;
        numbers.set(t, id);
      }
      ids.push(id);
      weights.push(w);
    }
    return { ids, weights };
  });
  return {
    size: numbers.size,
    docs,
    lookUp(tokens) {
      const ids: number[] = [];
      const weights: number[] = [];
      for (const [t, w] of tokens) {
        ids.push(numbers.get(t) ?? -1);
        weights.push(w);
      }
      return { ids, weights };
    },
  };
}
