/**
 * The core never imports a bot framework: knowledge, matching and dialogue stay pure, and so do
 * the shared Telegram logic, the console adapter and the composition root. Only
 * `src/adapters/grammy/` and `src/adapters/telegraf/` may import grammy, telegraf or their plugins.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/bot-process.ts";

const FRAMEWORK_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["'](?:grammy|telegraf|@grammyjs\/[^"']+|@telegraf\/[^"']+)(?:\/[^"']*)?["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const importers = (files: string[]) =>
  files.filter((file) => FRAMEWORK_IMPORT.test(readFileSync(file, "utf8"))).map((file) => relative(ROOT, file));

describe("framework boundary", () => {
  it("recognises every way of importing a framework (so the checks below can fail)", () => {
    for (const line of [
      'import { Bot } from "grammy";',
      "import type { Context } from 'telegraf';",
      'const { Telegraf } = await import("telegraf");',
      'import { autoRetry } from "@grammyjs/auto-retry";',
      'import "grammy/web";',
      'const t = require("telegraf");',
    ]) {
      expect(FRAMEWORK_IMPORT.test(line), line).toBe(true);
    }
    expect(FRAMEWORK_IMPORT.test('import { x } from "./grammy-notes.ts";')).toBe(false);
  });

  it.each(["src/knowledge", "src/matching", "src/dialogue"])("no file in %s imports grammy or telegraf", (dir) => {
    const files = sourceFiles(join(ROOT, dir));
    expect(files.length).toBeGreaterThan(0);
    expect(importers(files)).toEqual([]);
  });

  it("outside src/adapters/grammy and src/adapters/telegraf, nothing imports a framework", () => {
    const files = sourceFiles(join(ROOT, "src")).filter((f) => !/src[\\/]adapters[\\/](grammy|telegraf)[\\/]/.test(f));
    expect(importers(files)).toEqual([]);
  });

  it("only src/state/redis.ts imports ioredis (and main.ts loads it only when REDIS_URL is set)", () => {
    const redisImport = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']ioredis["']/;
    const files = sourceFiles(join(ROOT, "src")).filter((file) => redisImport.test(readFileSync(file, "utf8")));
    expect(files.map((file) => relative(ROOT, file))).toEqual(["src/state/redis.ts"]);
  });

  it("the two framework adapters do import their framework (the scan sees real imports)", () => {
    expect(importers(sourceFiles(join(ROOT, "src/adapters/grammy")))).toEqual(["src/adapters/grammy/driver.ts"]);
    expect(importers(sourceFiles(join(ROOT, "src/adapters/telegraf")))).toEqual(["src/adapters/telegraf/driver.ts"]);
  });
});
