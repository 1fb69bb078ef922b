/** The shipped knowledge base and core with citations checked, built once per test file. */
import type { SourceFile } from "../../src/knowledge/build.ts";
import { createCore, type Core } from "../../src/core.ts";
import { loadKnowledge, readCitationDocs, readKnowledgeFiles } from "../../src/knowledge/load.ts";

/** Where the shipped content and the documents its citations are checked against live. */
export const KB_OPTIONS = { dir: "intents", seedsDir: "../shared/seeds", factsFile: "../shared/spec/legal-facts.md" };

let core: Core | undefined;
/** The real core over the shipped knowledge base. */
export function shippedCore(): Core {
  return (core ??= createCore(loadKnowledge(KB_OPTIONS)));
}

/** The shipped knowledge-base files, to mutate in loader tests. */
export function shippedFiles(): SourceFile[] {
  return readKnowledgeFiles("intents");
}

/** The citation documents, when ../shared is present. */
export const citationDocs = () => readCitationDocs(KB_OPTIONS);
