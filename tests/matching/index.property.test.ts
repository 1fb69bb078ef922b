/**
 * The matcher's two indexes against brute force on generated corpora: the inverted index's
 * coverages and the centroids' cosines must be exactly what a plain computation over every
 * phrasing gives, and the candidate budget may only drop phrasings, never change a score.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCentroids } from "../../src/matching/centroids.ts";
import { createInvertedIndex } from "../../src/matching/inverted-index.ts";
import type { WeightedTokens } from "../../src/matching/tokenise.ts";
import { createVocabulary } from "../../src/matching/vocabulary.ts";

// A small alphabet, so tokens repeat across phrasings and some are in almost every one.
const token = fc.constantFrom("花呗", "逾期", "催收", "上门", "征信", "起诉", "还", "了", "吗", "家人", "短信", "协商");
const tokens: fc.Arbitrary<WeightedTokens> = fc
  .uniqueArray(fc.tuple(token, fc.constantFrom(0.5, 1)), { selector: ([t]) => t, minLength: 1, maxLength: 8 })
  .map((entries) => new Map(entries));
const corpus = fc.array(tokens, { minLength: 1, maxLength: 40 });

// The index keeps its weights as 32-bit floats (half the memory traffic on a large corpus).
const DIGITS = 6;

/** IDF as both the index and the brute force define it (BM25-style, over phrasings). */
function idfOf(docs: readonly WeightedTokens[]): (t: string) => number {
  const n = docs.length;
  return (t) => {
    const df = docs.filter((d) => d.has(t)).length;
    return df === 0 ? Math.log(1 + (n - 1 + 0.5) / 1.5) : Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
}

/** Coverages of every phrasing sharing a token with the query, computed the long way. */
function bruteForce(docs: readonly WeightedTokens[], query: WeightedTokens): Map<number, [number, number]> {
  const idf = idfOf(docs);
  let queryMass = 0;
  for (const [t, w] of query) queryMass += w * idf(t);
  const out = new Map<number, [number, number]>();
  docs.forEach((doc, i) => {
    let q = 0;
    let d = 0;
    let mass = 0;
    for (const [t, w] of doc) {
      mass += w * idf(t);
      if (query.has(t)) {
        q += query.get(t)! * idf(t);
        d += w * idf(t);
      }
    }
    if (q > 0) out.set(i, [q / queryMass, d / mass]);
  });
  return out;
}

function overlaps(docs: readonly WeightedTokens[], query: WeightedTokens, candidateBudget: number) {
  const vocabulary = createVocabulary(docs);
  const r = createInvertedIndex(vocabulary, { candidateBudget }).score(vocabulary.lookUp(query));
  const out = new Map<number, [number, number]>();
  for (let i = 0; i < r.count; i++) out.set(r.docs[i]!, [r.queryCoverage[i]!, r.documentCoverage[i]!]);
  return out;
}

describe("inverted index", () => {
  it("gives exactly the brute-force coverages while the candidates fit the budget", () => {
    fc.assert(
      fc.property(corpus, tokens, (docs, query) => {
        const expected = bruteForce(docs, query);
        const got = overlaps(docs, query, 10_000);
        expect([...got.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const [doc, [q, d]] of expected) {
          expect(got.get(doc)![0]).toBeCloseTo(q, DIGITS);
          expect(got.get(doc)![1]).toBeCloseTo(d, DIGITS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with a small budget drops only phrasings, keeps every holder of the rarest token, and changes no score", () => {
    fc.assert(
      fc.property(corpus, tokens, fc.integer({ min: 1, max: 5 }), (docs, query, budget) => {
        const expected = bruteForce(docs, query);
        const got = overlaps(docs, query, budget);
        for (const [doc, [q, d]] of got) {
          expect(expected.has(doc)).toBe(true);
          expect(q).toBeCloseTo(expected.get(doc)![0], DIGITS);
          expect(d).toBeCloseTo(expected.get(doc)![1], DIGITS);
        }
        const present = [...query.keys()].filter((t) => docs.some((doc) => doc.has(t)));
        if (present.length === 0) return;
        const df = (t: string) => docs.filter((doc) => doc.has(t)).length;
        const rarest = Math.min(...present.map(df));
        // Ties in frequency are broken inside the index: one of the rarest is taken whole.
        const takenWhole = present
          .filter((t) => df(t) === rarest)
          .some((t) => docs.every((doc, i) => !doc.has(t) || got.has(i)));
        expect(takenWhole).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("answers a run of questions with one index as if each were the first (no sums left over)", () => {
    // The per-query accumulators are reused, and common tokens add to phrasings that are not
    // candidates: a later question must never see what an earlier one left behind.
    fc.assert(
      fc.property(corpus, fc.array(tokens, { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (docs, queries, budget) => {
        const vocabulary = createVocabulary(docs);
        const index = createInvertedIndex(vocabulary, { candidateBudget: budget });
        for (const query of queries) {
          const r = index.score(vocabulary.lookUp(query));
          const fresh = overlaps(docs, query, budget);
          expect(r.count).toBe(fresh.size);
          for (let i = 0; i < r.count; i++) {
            const [q, d] = fresh.get(r.docs[i]!)!;
            expect(r.queryCoverage[i]).toBe(q);
            expect(r.documentCoverage[i]).toBe(d);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("centroids", () => {
  it("give the brute-force cosine of the question with each class's summed tokens", () => {
    fc.assert(
      fc.property(corpus, tokens, fc.integer({ min: 1, max: 6 }), (docs, query, classCount) => {
        const classes = docs.map((_, i) => i % classCount);
        const used = [...new Set(classes)];
        // Brute force: class vectors of log(1 + summed weight) × log(1 + classes / df).
        const sums = used.map((cls) => {
          const acc = new Map<string, number>();
          docs.forEach((doc, i) => {
            if (classes[i] === cls) for (const [t, w] of doc) acc.set(t, (acc.get(t) ?? 0) + w);
          });
          return acc;
        });
        const df = (t: string) => sums.filter((acc) => acc.has(t)).length;
        const idf = (t: string) => Math.log(1 + used.length / (df(t) || 0.5));
        const vocabulary = createVocabulary(docs);
        const cosines = createCentroids(vocabulary, classes).score(vocabulary.lookUp(query), used);
        used.forEach((cls, k) => {
          let dot = 0;
          let norm = 0;
          let qNorm = 0;
          for (const [t, tf] of sums[k]!) norm += (Math.log(1 + tf) * idf(t)) ** 2;
          for (const [t, w] of query) {
            qNorm += (w * idf(t)) ** 2;
            if (sums[k]!.has(t)) dot += w * idf(t) * Math.log(1 + sums[k]!.get(t)!) * idf(t);
          }
          expect(cosines[cls]!).toBeCloseTo(dot / (Math.sqrt(qNorm) * Math.sqrt(norm)), 12);
        });
      }),
      { numRuns: 300 },
    );
  });
});
