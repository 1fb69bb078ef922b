/**
 * Synthetic knowledge bases for the scale benchmark: real phrasings recombined into many more
 * intents, so texts keep the vocabulary, length and bigram statistics of the real content.
 */
import type { Intent, KnowledgeBase } from "../../src/knowledge/types.ts";
import { createRandom } from "./stats.ts";

/** Phrasings each synthetic intent gets. */
export const SYNTHETIC_PHRASINGS_PER_INTENT = 16;

/** Every question and phrasing of the real intents, as written. */
export function realPhrasings(kb: KnowledgeBase): string[] {
  return kb.intents.flatMap((intent) => [intent.question, ...intent.phrasings]);
}

/**
 * Splices two texts: the first half of `a` and the second half of `b` (cut at character, not
 * UTF-16 unit, boundaries), e.g. 借呗逾期| 三天 + 花呗会不会|上征信 → 借呗逾期上征信.
 */
export function splice(a: string, b: string): string {
  const ca = Array.from(a);
  const cb = Array.from(b);
  return ca.slice(0, Math.ceil(ca.length / 2)).join("") + cb.slice(Math.floor(cb.length / 2)).join("");
}

/** Makes `count` spliced texts from a pool, deterministic for a given seed. */
export function splicedTexts(pool: readonly string[], count: number, seed: number): string[] {
  const random = createRandom(seed);
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  return Array.from({ length: count }, () => splice(pick(), pick()));
}

/**
 * Makes `count` texts by shuffling the characters of texts from a pool, deterministic for a given
 * seed: the knowledge base's own characters in orders it has never seen, so most of their words
 * are new to the matcher, as a real stream of questions (typos, wording of its own) brings them.
 */
export function scrambledTexts(pool: readonly string[], count: number, seed: number): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const chars = Array.from(pool[Math.floor(random() * pool.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join("");
  });
}

/** Every this many warm-up texts, one is scrambled (see {@link warmUpTexts}). */
export const SCRAMBLED_EVERY = 4;

/**
 * The untimed questions a timed loop starts with: spliced phrasings, every fourth one scrambled
 * instead. Spliced phrasings alone reuse the knowledge base's words, so the matcher's paths for
 * words it has not met (a new word's fuse.js searcher, tokens outside the vocabulary) stayed cold
 * and the first timed questions paid for V8 compiling them: real size on one core, p99 0.31–0.97
 * ms (six fresh processes, median 0.82) after 2,000 spliced, against 0.31–0.79 ms (twelve,
 * median 0.46) with every fourth scrambled (bench/README.md, section 2). A bot that has been
 * running has met new words many times.
 */
export function warmUpTexts(pool: readonly string[], count: number, seed: number): string[] {
  const scrambled = scrambledTexts(pool, Math.floor(count / SCRAMBLED_EVERY), seed + 1);
  const spliced = splicedTexts(pool, count - scrambled.length, seed);
  return Array.from({ length: count }, (_, i) => {
    const scrambledBefore = Math.floor((i + 1) / SCRAMBLED_EVERY);
    return (i + 1) % SCRAMBLED_EVERY === 0 ? scrambled[scrambledBefore - 1]! : spliced[i - scrambledBefore]!;
  });
}

/**
 * Builds a KnowledgeBase-shaped object with `size` synthetic intents, each with a spliced question and
 * 16 spliced phrasings, topics drawn from the real ones. Only what `createMatcher` reads is meaningful
 * (intents, lexicon, out-of-scope examples, all taken from `real` where not synthetic); menus,
 * stages and citations are empty.
 */
export function createSyntheticKnowledge(real: KnowledgeBase, size: number, seed = 7): KnowledgeBase {
  const pool = realPhrasings(real);
  const topics = [...new Set(real.intents.map((i) => i.topic))];
  const random = createRandom(seed + size);
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  const intents: Intent[] = [];
  for (let i = 0; i < size; i++) {
    const phrasings = Array.from({ length: SYNTHETIC_PHRASINGS_PER_INTENT }, () => splice(pick(), pick()));
    intents.push({
      id: `synthetic_${i}`,
      topic: topics[Math.floor(random() * topics.length)]!,
      question: splice(pick(), pick()),
      phrasings,
      answer: [],
      rights: [],
      sources: [],
      followups: [],
      urgent: false,
      origin: { file: "synthetic", line: i + 1 },
    });
  }
  return {
    stages: [],
    stageById: new Map(),
    rights: [],
    rightById: new Map(),
    seeds: [],
    facts: [],
    intents,
    intentById: new Map(intents.map((intent) => [intent.id, intent])),
    menus: [],
    menuById: new Map(),
    menuByStage: new Map(),
    lexicon: real.lexicon,
    concepts: real.concepts,
    outOfScope: real.outOfScope,
  };
}
