/**
 * What the start-up caches share (the knowledge base's in `cache.ts`, the matcher's prepared
 * texts in `matching/prepared.ts`): hashing the code that computed an entry, writing an entry
 * whole, and keeping only the newest few.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Hash of the `.ts`/`.js` files directly in these folders (source or compiled, as running). */
export function fingerprintFolders(urls: readonly URL[]): string {
  const hash = createHash("sha256");
  for (const url of urls) {
    const dir = fileURLToPath(url);
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ts|js)$/.test(name)) continue;
      hash.update(`${name}\u0000`).update(readFileSync(join(dir, name))).update("\u0000");
    }
  }
  return hash.digest("hex");
}

/** Entries kept per kind: the source and compiled builds have keys of their own, and both may run. */
const KEEP = 4;

/**
 * Writes `dir/<prefix>-<key>.json` whole (then renamed, so another instance starting at the same
 * time never reads half a file) and removes all but the newest few `<prefix>-*.json`. Never
 * throws: a read-only checkout still starts, it just rebuilds every time.
 */
export function writeCacheEntry(dir: string, prefix: string, key: string, json: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `.${prefix}-${key}.${process.pid}.tmp`);
    writeFileSync(temporary, json);
    renameSync(temporary, join(dir, `${prefix}-${key}.json`));
    const pattern = new RegExp(`^${prefix}-[0-9a-f]+\\.json$`);
    const entries = readdirSync(dir)
      .filter((name) => pattern.test(name))
      .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { name } of entries.slice(KEEP)) rmSync(join(dir, name), { force: true });
  } catch {
    // An optimisation only.
  }
}

/** The parsed `dir/<prefix>-<key>.json`, or undefined when missing or unreadable. */
export function readCacheEntry(dir: string, prefix: string, key: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, `${prefix}-${key}.json`), "utf8"));
  } catch {
    return undefined;
  }
}
