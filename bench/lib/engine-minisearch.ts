/** The MiniSearch baseline: BM25 full-text search with a character-bigram tokenizer for Chinese. */
import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { createNormaliser } from "../../src/matching/normalise/index.ts";
import { type Engine, timed } from "./engine.ts";

/**
 * Overlapping character bigrams of each run between spaces and punctuation (花呗逾期 → 花呗 呗逾
 * 逾期); a one-character run is kept whole. The usual dictionary-free tokenizer for Chinese search.
 */
export function characterBigrams(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.split(/[\s\p{P}\p{S}]+/u)) {
    const chars = Array.from(run);
    if (chars.length === 1) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens;
}

interface Doc {
  id: number;
  text: string;
  cls: number;
}

/** MiniSearch (BM25) over the normalised phrasings; questions are normalised the same way. */
export function createMiniSearchEngine(kb: KnowledgeBase): Engine {
  const normaliser = createNormaliser(kb.lexicon);
  const docs: Doc[] = [];
  // Build time includes normalising the phrasings, as ours does.
  const { value: search, ms } = timed(() => {
    kb.intents.forEach((intent, cls) => {
      for (const text of [intent.question, ...intent.phrasings]) {
        docs.push({ id: docs.length, text: normaliser.normalise(text), cls });
      }
    });
    const index = new MiniSearch<Doc>({ fields: ["text"], tokenize: characterBigrams, processTerm: (t) => t });
    index.addAll(docs);
    return index;
  });
  return {
    name: "MiniSearch BM25",
    setup: "MiniSearch over normalised phrasings, character-bigram tokenizer, default search options",
    buildMs: ms,
    topTopic: (question) => {
      const top = search.search(normaliser.normalise(question))[0];
      return top ? kb.intents[docs[Number(top.id)]!.cls]?.topic : undefined;
    },
  };
}
