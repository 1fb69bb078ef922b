/**
 * The text preparation the matcher does for every phrasing when it is built — normalising it,
 * and splitting it into words with ICU for fuse.js's index — kept between starts beside the
 * knowledge base's start-up cache. Building the core spends about half its time there (0.25 s
 * of 0.45 s on the real knowledge base), the same work on the same texts at every start.
 *
 * Each entry is a function of its text alone, given the lexicon (normalising rewrites with it),
 * the matching code and the ICU data (`Intl.Segmenter`); the file's key covers exactly those, so
 * an entry that could differ is never read. A changed phrasing is simply a text not yet in the
 * file: it is prepared as usual and the file is written again.
 */
import { createHash } from "node:crypto";
import { fingerprintFolders, readCacheEntry, writeCacheEntry } from "../knowledge/cache-files.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";

/** Bumped when the layout of the file changes. */
const FORMAT = "prepared-texts/1";

/** Prepared texts: read-through maps the matcher fills while it is built. */
export interface PreparedTexts {
  /** Raw phrasing (or question, or out-of-scope example) → its normalised text. */
  normalised: Map<string, string>;
  /** Normalised text → its words by `Intl.Segmenter` (see `words` in tokenise.ts). */
  words: Map<string, readonly string[]>;
  /** Set when the matcher prepared a text the maps did not hold. */
  changed: boolean;
}

/** Empty maps, to be filled by a build and then saved. */
export function emptyPrepared(): PreparedTexts {
  return { normalised: new Map(), words: new Map(), changed: false };
}

/** The matching code (this folder and the normaliser), as source or compiled. */
const CODE_DIRS = [new URL(".", import.meta.url), new URL("./normalise/", import.meta.url)];
let codeFingerprint: string | undefined;

/** The key of the prepared texts for this knowledge base's lexicon, this code and this ICU. */
export function preparedKey(kb: KnowledgeBase): string {
  codeFingerprint ??= fingerprintFolders(CODE_DIRS);
  return createHash("sha256")
    .update(`${FORMAT}\u0000${codeFingerprint}\u0000`)
    .update(`icu ${process.versions.icu ?? "none"} unicode ${process.versions.unicode ?? "none"}\u0000`)
    .update(JSON.stringify(kb.lexicon))
    .digest("hex")
    .slice(0, 32);
}

/** The prepared texts saved under `key`, or an empty set (missing, unreadable or not ours). */
export function readPrepared(dir: string, key: string): PreparedTexts {
  const entry = readCacheEntry(dir, "prepared", key) as
    | { format?: string; key?: string; normalised?: Array<[string, string]>; words?: Array<[string, string[]]> }
    | undefined;
  if (!entry || entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.normalised) || !Array.isArray(entry.words)) {
    return emptyPrepared();
  }
  return { normalised: new Map(entry.normalised), words: new Map(entry.words), changed: false };
}

/**
 * Saves the texts of this knowledge base (entries for texts it no longer has are dropped), when
 * the build prepared any text the file did not hold. Never throws.
 */
export function writePrepared(dir: string, key: string, prepared: PreparedTexts, kb: KnowledgeBase): void {
  if (!prepared.changed) return;
  const texts = [...kb.intents.flatMap((intent) => [intent.question, ...intent.phrasings]), ...kb.outOfScope];
  const normalised = new Map<string, string>();
  const words = new Map<string, readonly string[]>();
  for (const text of texts) {
    const n = prepared.normalised.get(text);
    if (n === undefined) continue;
    normalised.set(text, n);
    const w = prepared.words.get(n);
    if (w) words.set(n, w);
  }
  writeCacheEntry(dir, "prepared", key, JSON.stringify({ format: FORMAT, key, normalised: [...normalised], words: [...words] }));
  prepared.changed = false;
}
