/**
 * The start-up cache of the validated knowledge base (src/knowledge/cache.ts), on a copy of the
 * shipped `intents/` in a temporary folder: a second start reuses the first build, and any edit
 * (a broken file most of all) is a miss that goes through the full checks again.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/knowledge/errors.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { KB_OPTIONS } from "../support/shipped.ts";

let root: string;
let options: typeof KB_OPTIONS & { cacheDir: string };
const entries = () => readdirSync(options.cacheDir).filter((n) => n.endsWith(".json"));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "kb-cache-"));
  cpSync("intents", join(root, "intents"), { recursive: true });
  options = { ...KB_OPTIONS, dir: join(root, "intents"), cacheDir: join(root, "cache") };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("knowledge cache", () => {
  it("saves a valid build and gives the same knowledge base back from it", () => {
    const built = loadKnowledge(options);
    expect(entries()).toHaveLength(1);
    // Poison the YAML's twin in the cache: if the second load parsed YAML, it would not see this.
    const file = join(options.cacheDir, entries()[0]!);
    const entry = JSON.parse(readFileSync(file, "utf8")) as { content: { intents: Array<{ question: string }> } };
    entry.content.intents[0]!.question = "来自缓存";
    writeFileSync(file, JSON.stringify(entry));

    const cached = loadKnowledge(options);
    expect(cached.intents[0]!.question).toBe("来自缓存");
    cached.intents[0]!.question = built.intents[0]!.question;
    expect(cached).toEqual(built);
    expect(cached.intentById.get(built.intents[5]!.id)).toBe(cached.intents[5]);
    expect(cached.menuByStage.size).toBe(built.menuByStage.size);
  });

  it("misses on any edit, so a broken file is reported with its line even after a good build was cached", () => {
    loadKnowledge(options);
    const lawsuit = join(options.dir, "topics", "lawsuit.yaml");
    appendFileSync(lawsuit, "  - id: [broken\n");
    try {
      loadKnowledge(options);
      expect.unreachable("a broken file must not load from the cache");
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      expect((error as KnowledgeError).message).toMatch(/topics\/lawsuit\.yaml:\d+/);
    }
    // The last good entry is kept; nothing is written for a failed build.
    expect(entries()).toHaveLength(1);
  });

  it("adds an entry when the content changes, keeps only the newest few, and rebuilds a corrupt entry", () => {
    loadKnowledge(options);
    const [first] = entries();
    const oos = join(options.dir, "out-of-scope.yaml");
    const original = readFileSync(oos, "utf8");
    for (let i = 1; i <= 5; i++) {
      writeFileSync(oos, `${original}  - 一个只为测试缓存而加的普通问题${i}\n`);
      expect(loadKnowledge(options).outOfScope).toContain(`一个只为测试缓存而加的普通问题${i}`);
    }
    expect(entries()).toHaveLength(4);
    expect(entries()).not.toContain(first);

    const newest = entries().find((name) => {
      const entry = JSON.parse(readFileSync(join(options.cacheDir, name), "utf8")) as { content: { outOfScope: string[] } };
      return entry.content.outOfScope.includes("一个只为测试缓存而加的普通问题5");
    })!;
    writeFileSync(join(options.cacheDir, newest), "{ not json");
    expect(loadKnowledge(options).outOfScope).toContain("一个只为测试缓存而加的普通问题5");
  });

  it("still starts when the cache folder cannot be written", () => {
    const blocker = join(root, "a-file");
    writeFileSync(blocker, "");
    const kb = loadKnowledge({ ...options, cacheDir: join(blocker, "cache") });
    expect(kb.intents.length).toBeGreaterThan(0);
  });
});
