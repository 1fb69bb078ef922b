/** The plain fuse.js baseline: what `new Fuse(phrasings, { keys })` gives a developer. */
import Fuse from "fuse.js";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { BASELINE_FUSE_OPTIONS, type PhrasingDoc } from "../../src/matching/fuse-options.ts";
import { type Engine, timed } from "./engine.ts";

/** fuse.js with its default options over the raw (not normalised) questions and phrasings. */
export function createFuseBaselineEngine(kb: KnowledgeBase): Engine {
  const docs: PhrasingDoc[] = kb.intents.flatMap((intent, cls) =>
    [intent.question, ...intent.phrasings].map((text) => ({ text, cls })),
  );
  const { value: fuse, ms } = timed(() => new Fuse(docs, BASELINE_FUSE_OPTIONS));
  return {
    name: "fuse.js defaults",
    setup: "new Fuse(raw phrasings, BASELINE_FUSE_OPTIONS): threshold 0.6, location 0, distance 100",
    buildMs: ms,
    topTopic: (question) => {
      const top = fuse.search(question, { limit: 1 })[0];
      return top ? kb.intents[top.item.cls]?.topic : undefined;
    },
  };
}
