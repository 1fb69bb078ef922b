/** The NLP.js baseline: node-nlp's NlpManager, a small neural intent classifier, trained on our phrasings. */
import { createRequire } from "node:module";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import type { Engine } from "./engine.ts";

// node-nlp ships no type declarations; this is the narrow part of NlpManager the bench calls.
interface NlpContainer {
  getConfiguration(tag: string): Record<string, unknown> | undefined;
  registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite: boolean): void;
}
interface NlpManagerLike {
  container: NlpContainer;
  addLanguage(locales: string[]): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, text: string): Promise<{ intent?: string; score?: number }>;
}
type NlpManagerClass = new (settings: Record<string, unknown>) => NlpManagerLike;

/** Upper bound on training epochs (node-nlp's default is 20,000; it converges in a few dozen here). */
export const NLPJS_MAX_ITERATIONS = 2000;

/** Runs `work` with console output muted (node-nlp prints "Compiling dictionary" and warnings). */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const mute = () => undefined;
  console.log = console.info = console.warn = mute;
  try {
    return await work();
  } finally {
    Object.assign(console, saved);
  }
}

/** Trains an NlpManager (language `zh`) on every raw question and phrasing, one class per intent. */
export async function createNlpJsEngine(kb: KnowledgeBase): Promise<Engine & { trainStatus: unknown }> {
  const require = createRequire(import.meta.url);
  const { NlpManager } = require("node-nlp") as { NlpManager: NlpManagerClass };
  const topicOf = new Map(kb.intents.map((intent) => [intent.id, intent.topic]));
  const start = performance.now();
  const manager = new NlpManager({ autoSave: false, autoLoad: false, forceNER: false, nlu: { log: false } });
  // The NLU settings must be registered before the language is added, which creates the domain.
  const nluConfig = manager.container.getConfiguration("nlu-zh") ?? {};
  manager.container.registerConfiguration(
    "nlu-zh",
    { ...nluConfig, log: false, iterations: NLPJS_MAX_ITERATIONS },
    true,
  );
  manager.addLanguage(["zh"]);
  for (const intent of kb.intents) {
    for (const text of [intent.question, ...intent.phrasings]) manager.addDocument("zh", text, intent.id);
  }
  const trainStatus = await quietly(() => manager.train());
  const buildMs = performance.now() - start;
  return {
    name: "NLP.js (node-nlp)",
    setup: `NlpManager zh, trained on raw phrasings (≤ ${NLPJS_MAX_ITERATIONS} epochs), manager.process()`,
    buildMs,
    trainStatus,
    topTopic: async (question) => {
      const { intent } = await manager.process("zh", question);
      return intent && intent !== "None" ? topicOf.get(intent) : undefined;
    },
  };
}
