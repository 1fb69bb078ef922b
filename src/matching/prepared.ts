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

/** Texts as they come out of preparation: raw → normalised, and normalised → its words. */
interface TextMaps<N, W> {
  /** Raw phrasing (or question, or out-of-scope example) → its normalised text. */
  normalised: N;
  /** Normalised text → its words by `Intl.Segmenter` (see `words` in tokenise.ts). */
  words: W;
}

/**
 * Prepared texts for one build: what an earlier start saved, read through, and what this build
 * used, which is exactly what the next start needs (texts the knowledge base no longer has drop out).
 */
export interface PreparedTexts extends TextMaps<Map<string, string>, Map<string, readonly string[]>> {
  /** From the file an earlier start wrote. */
  saved: TextMaps<ReadonlyMap<string, string>, ReadonlyMap<string, readonly string[]>>;
  /** Set when this build prepared a text the file did not hold. */
  changed: boolean;
}

/** Nothing saved yet: every text is prepared, and all of them are saved. */
export function emptyPrepared(): PreparedTexts {
  return fromSaved(new Map(), new Map());
}

function fromSaved(normalised: ReadonlyMap<string, string>, words: ReadonlyMap<string, readonly string[]>): PreparedTexts {
  return { normalised: new Map(), words: new Map(), saved: { normalised, words }, changed: false };
}

function readThrough<T>(prepared: PreparedTexts, used: Map<string, T>, saved: ReadonlyMap<string, T>, text: string, compute: (text: string) => T): T {
  let value = used.get(text) ?? saved.get(text);
  if (value === undefined) {
    value = compute(text);
    prepared.changed = true;
  }
  used.set(text, value);
  return value;
}

/** `text` normalised: as an earlier start saved it, or by `normalise`; kept for the next start. */
export function preparedNormalised(prepared: PreparedTexts, text: string, normalise: (text: string) => string): string {
  return readThrough(prepared, prepared.normalised, prepared.saved.normalised, text, normalise);
}

/** The words of normalised `text`: as an earlier start saved them, or by `segment`; kept for the next start. */
export function preparedWords(prepared: PreparedTexts, text: string, segment: (text: string) => readonly string[]): readonly string[] {
  return readThrough(prepared, prepared.words, prepared.saved.words, text, segment);
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
  return fromSaved(new Map(entry.normalised), new Map(entry.words));
}

/**
 * Saves the texts this build used, when it prepared one the file did not hold or no longer uses
 * all the file holds. Never throws.
 */
export function writePrepared(dir: string, key: string, prepared: PreparedTexts): void {
  const stale = prepared.normalised.size !== prepared.saved.normalised.size || prepared.words.size !== prepared.saved.words.size;
  if (!prepared.changed && !stale) return;
  const { normalised, words } = prepared;
  writeCacheEntry(dir, "prepared", key, JSON.stringify({ format: FORMAT, key, normalised: [...normalised], words: [...words] }));
  prepared.saved = { normalised: new Map(normalised), words: new Map(words) };
  prepared.changed = false;
}
