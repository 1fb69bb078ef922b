/**
 * Start-up cache of the validated knowledge base. Parsing and validating the YAML is most of the
 * bot's start-up (the `yaml` parser runs cold), while the content seldom changes between starts;
 * so a knowledge base that passed every check is saved as JSON, under a key that hashes
 * everything the checks read: every YAML file, the seeds and fact sheet, and the code that
 * validates and normalises. Any change to any of them is a miss, and a miss runs the full
 * build, which names file and line of every problem as before. Only a valid build is saved.
 *
 * The cache is an optimisation only: a missing, unreadable or corrupt entry is rebuilt, and a
 * folder that cannot be written is skipped silently.
 */
import { createHash } from "node:crypto";
import { assembleKnowledge, type KnowledgeContent, type SourceFile } from "./build.ts";
import { fingerprintFolders, readCacheEntry, writeCacheEntry } from "./cache-files.ts";
import type { CitationDocs } from "./citations.ts";
import type { KnowledgeBase } from "./types.ts";

/** Bumped when the cached layout changes. */
const FORMAT = "knowledge-cache/2";

/** The code the build runs (this folder and the normaliser), as source or compiled. */
const CODE_DIRS = [new URL(".", import.meta.url), new URL("../matching/normalise/", import.meta.url)];

let codeFingerprint: string | undefined;

/** Hash of the validating code, read once per process. */
function fingerprintCode(): string {
  return (codeFingerprint ??= fingerprintFolders(CODE_DIRS));
}

/** The key of a knowledge base built from these files and citation documents. */
export function knowledgeCacheKey(files: readonly SourceFile[], docs: CitationDocs): string {
  const hash = createHash("sha256").update(FORMAT).update("\u0000").update(fingerprintCode());
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`\u0001${f.name}\u0000${f.text}`);
  }
  for (const [name, text] of [...(docs.seeds ?? new Map<string, string>())].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\u0002${name}\u0000${text}`);
  }
  hash.update(`\u0003${docs.facts ?? ""}`);
  return hash.digest("hex").slice(0, 32);
}

/** The cached knowledge base for `key`, or undefined (missing, unreadable or not ours). */
export function readCachedKnowledge(dir: string, key: string): KnowledgeBase | undefined {
  try {
    const entry = readCacheEntry(dir, "knowledge", key) as { format?: string; key?: string; content?: KnowledgeContent } | undefined;
    if (!entry || entry.format !== FORMAT || entry.key !== key || !entry.content) return undefined;
    return assembleKnowledge(entry.content);
  } catch {
    return undefined;
  }
}

/** Saves a validated knowledge base under `key` (keeping a few older entries); never throws. */
export function writeCachedKnowledge(dir: string, key: string, kb: KnowledgeBase): void {
  const content: KnowledgeContent = {
    stages: kb.stages,
    rights: kb.rights,
    seeds: kb.seeds,
    facts: kb.facts,
    intents: kb.intents,
    menus: kb.menus,
    lexicon: kb.lexicon,
    concepts: kb.concepts,
    outOfScope: kb.outOfScope,
  };
  writeCacheEntry(dir, "knowledge", key, JSON.stringify({ format: FORMAT, key, content }));
}
