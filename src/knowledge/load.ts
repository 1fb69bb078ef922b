/**
 * Reads the knowledge base from disk and builds it. This is the only file of `knowledge/` that
 * touches the file system; `buildKnowledge` does the validation on plain texts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { buildKnowledge, type BuildResult, type SourceFile } from "./build.ts";
import { knowledgeCacheKey, readCachedKnowledge, writeCachedKnowledge } from "./cache.ts";
import type { CitationDocs } from "./citations.ts";
import { KnowledgeError } from "./errors.ts";
import type { KnowledgeBase } from "./types.ts";

/** Where the knowledge base and the documents its citations are checked against live. */
export interface LoadOptions {
  /** The `intents/` folder. */
  dir: string;
  /** Folder of the seed articles; citations are checked against it when it exists. */
  seedsDir?: string | undefined;
  /** The fact sheet; fact refs are checked against it when it exists. */
  factsFile?: string | undefined;
  /**
   * Folder of the start-up cache (see cache.ts): a knowledge base that passed every check is
   * reused while nothing it was built from has changed. Absent: always build.
   */
  cacheDir?: string | undefined;
}

/** Lists the YAML files of the knowledge base, names relative to `dir` with `/` separators. */
export function readKnowledgeFiles(dir: string): SourceFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new KnowledgeError([
      { file: dir, line: 0, col: 0, path: "", message: "the knowledge-base folder does not exist (set INTENTS_DIR)", context: "" },
    ]);
  }
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        files.push({
          path: relative(process.cwd(), full) || full,
          name: relative(dir, full).split("\\").join("/"),
          text: readFileSync(full, "utf8"),
        });
      }
    }
  };
  walk(dir);
  return files;
}

/** Reads the seeds and the fact sheet when they are there. */
export function readCitationDocs(options: LoadOptions): CitationDocs {
  const docs: CitationDocs = {};
  if (options.seedsDir && existsSync(options.seedsDir)) {
    const seeds = new Map<string, string>();
    for (const name of readdirSync(options.seedsDir)) {
      if (name.endsWith(".txt")) seeds.set(name, readFileSync(join(options.seedsDir, name), "utf8"));
    }
    docs.seeds = seeds;
  }
  if (options.factsFile && existsSync(options.factsFile)) docs.facts = readFileSync(options.factsFile, "utf8");
  return docs;
}

/** Reads and validates; returns every problem instead of throwing (for `check`). */
export function checkKnowledge(options: LoadOptions): BuildResult {
  try {
    return buildKnowledge(readKnowledgeFiles(options.dir), readCitationDocs(options));
  } catch (error) {
    if (error instanceof KnowledgeError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

/**
 * Loads the knowledge base for serving.
 * @throws KnowledgeError listing every problem, each with file and line.
 */
export function loadKnowledge(options: LoadOptions): KnowledgeBase {
  const files = readKnowledgeFiles(options.dir);
  const docs = readCitationDocs(options);
  const cache = options.cacheDir ? { dir: options.cacheDir, key: knowledgeCacheKey(files, docs) } : undefined;
  const cached = cache && readCachedKnowledge(cache.dir, cache.key);
  if (cached) return cached;
  const result = buildKnowledge(files, docs);
  if (!result.ok) throw new KnowledgeError(result.problems);
  if (cache) writeCachedKnowledge(cache.dir, cache.key, result.kb);
  return result.kb;
}
