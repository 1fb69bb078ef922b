/**
 * An inverted index over the phrasings' tokens, for the matcher's first stage: it scores only
 * the phrasings that share a token with the question, with IDF-weighted coverage both ways.
 *
 * Cost follows the rare tokens, not the corpus. The question's tokens are taken rarest first,
 * and their postings bring in candidate phrasings for as long as they fit in `candidateBudget`
 * (the rarest token's always do). The more common tokens left over (花呗, 逾期, single
 * characters) only add their weight to the candidates already found: through their posting
 * lists while those are short, or read off each candidate's own token list once the posting
 * lists hold most of a large corpus. On the real knowledge base the candidates are the
 * phrasings that share a rare token with the question, and the scores are exact for them; on a
 * corpus a hundred times larger, a phrasing that shares only common tokens with the question
 * is never a candidate, which it would not have won anyway.
 *
 * Postings and per-phrasing token lists are typed arrays (CSR layout, weights as 32-bit
 * floats), so 170,000 phrasings take tens of megabytes, not a map per phrasing.
 */
import type { TokenIds, Vocabulary } from "./vocabulary.ts";

/**
 * Exact token overlap between a question and the phrasings it touches: entry `i < count` is
 * phrasing `docs[i]`. The arrays are reused by the next call to `score`.
 */
export interface Overlaps {
  count: number;
  docs: Int32Array;
  /** IDF share of the question's tokens found in the phrasing, in [0, 1]. */
  queryCoverage: Float64Array;
  /** IDF share of the phrasing's tokens found in the question, in [0, 1]. */
  documentCoverage: Float64Array;
}

/** The first-stage index. */
export interface InvertedIndex {
  /** The phrasings sharing a token with the question (see the module comment), unordered. */
  score(query: TokenIds): Overlaps;
}

/** Options of {@link createInvertedIndex}. */
export interface InvertedIndexOptions {
  /** Candidates gathered from the rarest tokens before the common ones stop adding new ones. */
  candidateBudget: number;
}

export const DEFAULT_INVERTED_INDEX_OPTIONS: Readonly<InvertedIndexOptions> = Object.freeze({ candidateBudget: 1000 });

/** Builds the index over the phrasings' tokens (`vocabulary.docs`). */
export function createInvertedIndex(
  vocabulary: Vocabulary,
  options: InvertedIndexOptions = DEFAULT_INVERTED_INDEX_OPTIONS,
): InvertedIndex {
  const docTokens = vocabulary.docs;
  const n = docTokens.length;

  // === Document frequencies
  const vocabularySize = vocabulary.size;
  const df = new Int32Array(vocabularySize);
  let total = 0;
  for (const { ids } of docTokens) {
    for (const id of ids) df[id]!++;
    total += ids.length;
  }
  const idf = new Float64Array(vocabularySize);
  for (let id = 0; id < vocabularySize; id++) idf[id] = Math.log(1 + (n - df[id]! + 0.5) / (df[id]! + 0.5));
  // An unknown token is as rare as a token seen once.
  const unseen = Math.log(1 + (n - 1 + 0.5) / 1.5);

  // === Postings (token → phrasings) and forward lists (phrasing → its tokens, sorted by id)
  const postingStart = new Int32Array(vocabularySize + 1);
  for (let id = 0; id < vocabularySize; id++) postingStart[id + 1] = postingStart[id]! + df[id]!;
  const postingDoc = new Int32Array(total);
  const postingWeight = new Float32Array(total);
  const fill = postingStart.slice(0, vocabularySize);
  const forwardStart = new Int32Array(n + 1);
  const forwardToken = new Int32Array(total);
  const forwardWeight = new Float32Array(total);
  const docMass = new Float64Array(n);
  docTokens.forEach(({ ids, weights }, doc) => {
    const entries: Array<[number, number]> = ids.map((id, k) => [id, weights[k]! * idf[id]!]);
    entries.sort((a, b) => a[0] - b[0]);
    let at = forwardStart[doc]!;
    for (const [id, v] of entries) {
      docMass[doc] += v;
      forwardToken[at] = id;
      forwardWeight[at++] = v;
      const p = fill[id]!++;
      postingDoc[p] = doc;
      postingWeight[p] = v;
    }
    forwardStart[doc + 1] = at;
  });

  const averageLength = n > 0 ? total / n : 0;

  // Per-query state, reused: accumulators, and a stamp marking this query's candidates.
  // Per phrasing, side by side (one cache line for both): the question's and the phrasing's summed weight.
  const sides = new Float64Array(2 * n);
  const stamp = new Int32Array(n);
  const candidates = new Int32Array(n);
  const pending = new Float64Array(vocabularySize); // query weight of each common token, else 0
  const result: Overlaps = {
    count: 0,
    docs: candidates,
    queryCoverage: new Float64Array(n),
    documentCoverage: new Float64Array(n),
  };
  let query = 0;

  return {
    score({ ids, weights }) {
      query++;
      let queryMass = 0;
      const known: Array<{ id: number; weight: number }> = [];
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        const weight = weights[k]! * (id < 0 ? unseen : idf[id]!);
        queryMass += weight;
        if (id >= 0) known.push({ id, weight });
      }
      known.sort((a, b) => df[a.id]! - df[b.id]! || a.id - b.id);

      let count = 0;
      let common = 0; // tokens left for the second phase, marked in `pending`
      for (const { id, weight } of known) {
        const from = postingStart[id]!;
        const to = postingStart[id + 1]!;
        if (common === 0 && (count === 0 || count + (to - from) <= options.candidateBudget)) {
          // Rare enough: every phrasing with the token is a candidate.
          for (let p = from; p < to; p++) {
            const doc = postingDoc[p]!;
            if (stamp[doc] !== query) {
              stamp[doc] = query;
              sides[2 * doc] = 0;
              sides[2 * doc + 1] = 0;
              candidates[count++] = doc;
            }
            sides[2 * doc] += weight;
            sides[2 * doc + 1] += postingWeight[p]!;
          }
        } else {
          pending[id] = weight;
          common++;
        }
      }
      if (common > 0) {
        // Common tokens add their weight to the candidates, by whichever is less work:
        // walking their posting lists (small corpus), or each candidate's own token list.
        let postingWork = 0;
        for (const { id } of known) if (pending[id] !== 0) postingWork += postingStart[id + 1]! - postingStart[id]!;
        if (postingWork <= count * averageLength) {
          // Every phrasing on the lists gets the weight, candidate or not: cheaper than testing
          // each posting, and harmless, as a phrasing's sums are reset when it next becomes a
          // candidate (above) and only candidates' sums are read.
          for (const { id } of known) {
            const weight = pending[id]!;
            if (weight === 0) continue;
            for (let p = postingStart[id]!, end = postingStart[id + 1]!; p < end; p++) {
              const doc = postingDoc[p]!;
              sides[2 * doc] += weight;
              sides[2 * doc + 1] += postingWeight[p]!;
            }
          }
        } else {
          for (let i = 0; i < count; i++) {
            const doc = candidates[i]!;
            for (let at = forwardStart[doc]!, end = forwardStart[doc + 1]!; at < end; at++) {
              const weight = pending[forwardToken[at]!]!;
              if (weight === 0) continue;
              sides[2 * doc] += weight;
              sides[2 * doc + 1] += forwardWeight[at]!;
            }
          }
        }
        for (const { id } of known) pending[id] = 0;
      }

      for (let i = 0; i < count; i++) {
        const doc = candidates[i]!;
        result.queryCoverage[i] = queryMass > 0 ? sides[2 * doc]! / queryMass : 0;
        result.documentCoverage[i] = docMass[doc]! > 0 ? sides[2 * doc + 1]! / docMass[doc]! : 0;
      }
      result.count = count;
      return result;
    },
  };
}
