/**
 * Intent centroids: each class (intent, or the out-of-scope class) as the IDF-weighted sum of
 * its phrasings' tokens, compared with the question by cosine. Where the phrasing-level score
 * rewards the one phrasing a question resembles, the centroid rewards the vocabulary an
 * intent's phrasings share, which carries paraphrases no single phrasing spells out.
 */
import type { WeightedTokens } from "./tokenise.ts";

/** Cosine similarity of a question to every class that shares a token with it. */
export interface Centroids {
  score(query: WeightedTokens): Map<number, number>;
}

/** Builds the centroids of the phrasings' tokens, each labelled with its class in `classes`. */
export function createCentroids(tokenSets: readonly WeightedTokens[], classes: readonly number[]): Centroids {
  // IDF over classes: a token every intent uses (花呗, 逾期) says little about which one is meant.
  const classTokens = new Map<number, Map<string, number>>();
  tokenSets.forEach((set, i) => {
    const cls = classes[i]!;
    let acc = classTokens.get(cls);
    if (!acc) classTokens.set(cls, (acc = new Map()));
    for (const [t, w] of set) acc.set(t, (acc.get(t) ?? 0) + w);
  });
  const df = new Map<string, number>();
  for (const acc of classTokens.values()) for (const t of acc.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = classTokens.size;
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 0.5));

  const postings = new Map<string, Array<[number, number]>>();
  const norms = new Map<number, number>();
  for (const [cls, acc] of classTokens) {
    let norm = 0;
    for (const [t, tf] of acc) {
      const v = Math.log(1 + tf) * idf(t);
      norm += v * v;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push([cls, v]);
    }
    norms.set(cls, Math.sqrt(norm));
  }

  return {
    score(query) {
      let qNorm = 0;
      const dots = new Map<number, number>();
      for (const [t, w] of query) {
        const q = w * idf(t);
        qNorm += q * q;
        for (const [cls, v] of postings.get(t) ?? []) dots.set(cls, (dots.get(cls) ?? 0) + q * v);
      }
      qNorm = Math.sqrt(qNorm);
      const out = new Map<number, number>();
      for (const [cls, dot] of dots) out.set(cls, qNorm > 0 ? dot / (qNorm * norms.get(cls)!) : 0);
      return out;
    },
  };
}
