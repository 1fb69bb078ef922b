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
