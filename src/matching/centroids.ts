/**
 * Intent centroids: each class (intent, or the out-of-scope class) as the IDF-weighted sum of
 * its phrasings' tokens, compared with the question by cosine. Where the phrasing-level score
 * rewards the one phrasing a question resembles, the centroid rewards the vocabulary an
 * intent's phrasings share, which carries paraphrases no single phrasing spells out.
 *
 * Only the classes the first stage found are scored. A token's weight reaches them through its
 * posting list when that list is short, or by looking the token up in each wanted class's sorted
 * token list when it is long (花呗 in every one of 10,000 intents), so the cost does not grow
 * with the number of intents.
 */
import type { TokenIds, Vocabulary } from "./vocabulary.ts";

/** Cosine similarity of a question to the given classes. */
export interface Centroids {
  /**
   * The cosine of the question with each class in `classes`, at the class's position in the
   * returned array (0 when they share no token); other positions are meaningless. The array is
   * reused by the next call.
   */
  score(query: TokenIds, classes: readonly number[]): Float64Array;
}

/**
 * Builds the centroids of the phrasings' tokens (`vocabulary.docs`); `classes[i]` is the class of
 * phrasing `i`, a number from 0 to the number of classes − 1.
 */
export function createCentroids(vocabulary: Vocabulary, classes: ArrayLike<number>): Centroids {
  let classCount = 0;
  for (let i = 0; i < classes.length; i++) classCount = Math.max(classCount, classes[i]! + 1);
  // Summed token weights per class, by token id.
  const sums = Array.from({ length: classCount }, () => new Map<number, number>());
  vocabulary.docs.forEach(({ ids, weights }, i) => {
    const acc = sums[classes[i]!]!;
    ids.forEach((id, k) => acc.set(id, (acc.get(id) ?? 0) + weights[k]!));
  });
  // IDF over classes: a token every intent uses (花呗, 逾期) says little about which one is meant.
  const vocabularySize = vocabulary.size;
  const df = new Int32Array(vocabularySize);
  for (const acc of sums) for (const id of acc.keys()) df[id]!++;
  const n = sums.filter((acc) => acc.size > 0).length;
  const idf = (count: number) => Math.log(1 + n / count);
  const unseen = idf(0.5);

  // Per class: its token ids sorted with their weights, and the vector's norm; per token: the
  // classes that use it (CSR layout).
  const classStart = new Int32Array(classCount + 1);
  sums.forEach((acc, cls) => (classStart[cls + 1] = classStart[cls]! + acc.size));
  const total = classStart[classCount]!;
  const classToken = new Int32Array(total);
  const classWeight = new Float64Array(total);
  const norms = new Float64Array(classCount);
  const postingStart = new Int32Array(vocabularySize + 1);
  for (let id = 0; id < vocabularySize; id++) postingStart[id + 1] = postingStart[id]! + df[id]!;
  const postingClass = new Int32Array(total);
  const postingWeight = new Float64Array(total);
  const fill = postingStart.slice(0, vocabularySize);
  sums.forEach((acc, cls) => {
    const tokens = [...acc.keys()].sort((a, b) => a - b);
    let at = classStart[cls]!;
    let norm = 0;
    for (const id of tokens) {
      const v = Math.log(1 + acc.get(id)!) * idf(df[id]!);
      norm += v * v;
      classToken[at] = id;
      classWeight[at++] = v;
      const p = fill[id]!++;
      postingClass[p] = cls;
      postingWeight[p] = v;
    }
    norms[cls] = Math.sqrt(norm);
  });

  /** The weight of token `id` in class `cls`, or 0: a binary search in its sorted tokens. */
  const weightIn = (cls: number, id: number): number => {
    let lo = classStart[cls]!;
    let hi = classStart[cls + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = classToken[mid]!;
      if (t === id) return classWeight[mid]!;
      if (t < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };

  const dots = new Float64Array(classCount);
  const stamp = new Int32Array(classCount);
  let query = 0;

  return {
    score({ ids, weights }, wanted) {
      query++;
      for (const cls of wanted) {
        stamp[cls] = query;
        dots[cls] = 0;
      }
      let qNorm = 0;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        const q = weights[k]! * (id < 0 ? unseen : idf(df[id]!));
        qNorm += q * q;
        if (id < 0) continue;
        const from = postingStart[id]!;
        const to = postingStart[id + 1]!;
        if (to - from <= 4 * wanted.length) {
          for (let p = from; p < to; p++) {
            const cls = postingClass[p]!;
            if (stamp[cls] === query) dots[cls] += q * postingWeight[p]!;
          }
        } else {
          for (const cls of wanted) dots[cls] += q * weightIn(cls, id);
        }
      }
      qNorm = Math.sqrt(qNorm);
      for (const cls of wanted) dots[cls] = qNorm > 0 && norms[cls]! > 0 ? dots[cls]! / (qNorm * norms[cls]!) : 0;
      return dots;
    },
  };
}
