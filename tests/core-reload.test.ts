/**
 * Content faults while serving (INTENTS_WATCH=1): the knowledge base is a copy of `intents/` in a
 * temp folder, watched as the bot watches it. A bad edit — a broken reference or broken YAML — is
 * logged with file and line and the last good knowledge base keeps answering; a good edit is
 * answered with at once; a closed watcher reloads nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, loadCore, type Core } from "../src/core.ts";
import { createReloadingCore, watchKnowledge, type KnowledgeWatcher, type ReloadingCore } from "../src/core-reload.ts";
import { KnowledgeError } from "../src/knowledge/errors.ts";
import { createLogger } from "../src/logger.ts";
import { KB_OPTIONS, shippedCore } from "./support/shipped.ts";

const QUESTION = "花呗逾期了会上门催收吗";
const VISIT_INTENT = "visit_will_they_come";
const RIGHTS_LINE = "    rights: [negotiate, verify_identity, refuse_entry]";
const FIRST_POINT = "支付宝表示不主张上门催收";

type Line = Record<string, any>;

const ask = (core: Core) => core.respond({ text: QUESTION, chat: "private", addressed: true });

describe("createReloadingCore", () => {
  it("swaps in a valid core and keeps the current one when loading fails", () => {
    const good = shippedCore();
    let next: () => Core = () => {
      throw new KnowledgeError([{ file: "intents/x.yaml", line: 3, col: 1, path: "", message: "bad", context: "" }]);
    };
    const core = createReloadingCore(good, () => next());
    const failed = core.reload();
    expect(failed.ok).toBe(false);
    expect(core.kb).toBe(good.kb);
    expect(ask(core)?.intent).toBe(VISIT_INTENT);

    const fresh = createCore(good.kb);
    next = () => fresh;
    expect(core.reload()).toEqual({ ok: true, core: fresh });
    expect(core.matcher).toBe(fresh.matcher);
  });
});

describe("watchKnowledge", () => {
  let dir: string;
  let file: string;
  let original: string;
  let core: ReloadingCore;
  let watcher: KnowledgeWatcher;
  const lines: Line[] = [];

  /** Waits for the next log line (after `from`) with this event. */
  async function nextLog(event: string, from: number, timeoutMs = 10_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.slice(from).find((l) => l["event"] === event);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} log line; saw: ${lines.slice(from).map((l) => l["event"]).join(", ")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "overdue-intents-"));
    cpSync("intents", dir, { recursive: true });
    file = join(dir, "topics", "home_visit.yaml");
    original = readFileSync(file, "utf8");
    const options = { ...KB_OPTIONS, dir };
    core = createReloadingCore(loadCore(options), () => loadCore(options));
    const destination = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    watcher = watchKnowledge({ dir, core, logger: createLogger("info", { destination }), debounceMs: 50 });
  });
  afterAll(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a broken reference with file and line, and keeps answering from the last good knowledge base", async () => {
    const line = original.split("\n").indexOf(RIGHTS_LINE) + 1;
    expect(line).toBeGreaterThan(0);
    const from = lines.length;
    writeFileSync(file, original.replace(RIGHTS_LINE, "    rights: [negotiate, verify_identity, no_such_right]"));
    const rejected = await nextLog("knowledge.rejected", from);
    expect(rejected["level"]).toBe("error");
    expect(rejected["kept"]).toBe("last_good");
    expect(rejected["where"]).toMatch(new RegExp(`topics/home_visit\\.yaml:${line}:\\d+$`));
    expect(rejected["problems"][0]).toMatchObject({ line, message: expect.stringContaining("no_such_right") });
    expect(ask(core)?.intent).toBe(VISIT_INTENT);
  });

  it("reports invalid YAML with file and line, and keeps answering", async () => {
    const from = lines.length;
    writeFileSync(file, `${original}\n  - id: [unclosed\n`);
    const rejected = await nextLog("knowledge.rejected", from);
    expect(rejected["where"]).toMatch(/topics\/home_visit\.yaml:\d+:\d+$/);
    expect(rejected["problems"][0]["line"]).toBeGreaterThan(original.split("\n").length - 1);
    expect(ask(core)?.intent).toBe(VISIT_INTENT);
  });

  it("answers with a good edit as soon as it is saved", async () => {
    const from = lines.length;
    writeFileSync(file, original.replace(FIRST_POINT, `${FIRST_POINT}（内容已更新）`));
    const reloaded = await nextLog("knowledge.reloaded", from);
    expect(reloaded["intents"]).toBeGreaterThan(50);
    expect(ask(core)?.points.join("")).toContain("（内容已更新）");
  });

  it("reloads nothing once closed", async () => {
    watcher.close();
    const from = lines.length;
    writeFileSync(file, original);
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.slice(from)).toEqual([]);
    expect(ask(core)?.points.join("")).toContain("（内容已更新）");
  });
});
