/**
 * An inverted index over the phrasings' tokens, for the matcher's first stage: it scores only
 * the phrasings that share a token with the question, with IDF-weighted coverage both ways.
 */
import type { WeightedTokens } from "./tokenise.ts";

/** Exact token overlap between a question and one phrasing. */
export interface Overlap {
  /** Index of the phrasing. */
  doc: number;
  /** IDF share of the question's tokens found in the phrasing, in [0, 1]. */
  queryCoverage: number;
  /** IDF share of the phrasing's tokens found in the question, in [0, 1]. */
  documentCoverage: number;
}

/** The first-stage index. */
export interface InvertedIndex {
  /** Every phrasing sharing at least one token with the question's tokens, unordered. */
  score(query: WeightedTokens): Overlap[];
}

/** Builds the index over the phrasings' tokens (see `weightedTokens`). */
export function createInvertedIndex(docTokens: readonly WeightedTokens[]): InvertedIndex {
  const df = new Map<string, number>();
  for (const tokens of docTokens) for (const t of tokens.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docTokens.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  // An unknown token is as rare as a token seen once.
  const unseen = Math.log(1 + (n - 1 + 0.5) / 1.5);

  const postings = new Map<string, Array<[number, number]>>(); // token → [doc, weight × idf]
  const docMass = new Float64Array(n);
  docTokens.forEach((tokens, doc) => {
    for (const [t, w] of tokens) {
      const v = w * idf.get(t)!;
      docMass[doc] += v;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push([doc, v]);
    }
  });

  // Per-query accumulators, reused: a question touches only the phrasings in its postings.
  const querySide = new Float64Array(n);
  const docSide = new Float64Array(n);
  const touched = new Int32Array(n);

  return {
    score(query) {
      let queryMass = 0;
      let count = 0;
      for (const [t, w] of query) {
        const weight = w * (idf.get(t) ?? unseen);
        queryMass += weight;
        const list = postings.get(t);
        if (!list) continue;
        for (const [doc, v] of list) {
          if (querySide[doc] === 0 && docSide[doc] === 0) touched[count++] = doc;
          querySide[doc] += weight;
          docSide[doc] += v;
        }
      }
      const out: Overlap[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const doc = touched[i]!;
        out[i] = {
          doc,
          queryCoverage: queryMass > 0 ? querySide[doc]! / queryMass : 0,
          documentCoverage: docMass[doc]! > 0 ? docSide[doc]! / docMass[doc]! : 0,
        };
        querySide[doc] = 0;
        docSide[doc] = 0;
      }
      return out;
    },
  };
}
