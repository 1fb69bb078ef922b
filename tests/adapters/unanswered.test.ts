/**
 * What reaches the opt-in unanswered log from the adapters: typed questions the core answered
 * with fallback, out-of-scope or "did you mean" — never button presses, inline drafts, answered
 * questions or the `/ask` command word — and the terminal chat records the same way.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../src/adapters/console/chat.ts";
import { noteUnanswered } from "../../src/adapters/unanswered.ts";
import type { Incoming, Reply } from "../../src/dialogue/types.ts";
import { createUnansweredLog, type UnansweredLog } from "../../src/privacy/unanswered-log.ts";
import { shippedCore } from "../support/shipped.ts";

const reply = (kind: Reply["kind"]): Reply => ({
  kind,
  title: "t",
  points: [],
  rights: [],
  sources: [],
  quickReplies: [],
  confidence: 0.3,
  candidates: [{ intent: "visit_will_they_come", topic: "home_visit", confidence: 0.31234 }],
  facts: {},
});

function recorder(): { log: UnansweredLog; recorded: unknown[][] } {
  const recorded: unknown[][] = [];
  return { log: { record: (...args) => (recorded.push(args), true) }, recorded };
}

const text = (t: string, extra: Partial<Incoming> = {}): Incoming => ({ text: t, chat: "private", addressed: true, ...extra });

describe("noteUnanswered", () => {
  it("records fallback, out-of-scope and clarify replies with the closest intent", () => {
    const { log, recorded } = recorder();
    for (const kind of ["fallback", "out_of_scope", "clarify"] as const) noteUnanswered(log, text("问题"), reply(kind));
    expect(recorded).toEqual(
      ["fallback", "out_of_scope", "clarify"].map((kind) => ["问题", kind, { intent: "visit_will_they_come", confidence: 0.31234 }]),
    );
  });

  it("skips answers, menus, notices, silence, button presses, inline drafts and having no log", () => {
    const { log, recorded } = recorder();
    for (const kind of ["answer", "menu", "notice"] as const) noteUnanswered(log, text("问题"), reply(kind));
    noteUnanswered(log, text("问题"), null);
    noteUnanswered(log, text("", { data: "v1:i:x" }), reply("fallback"));
    noteUnanswered(log, text("问", { surface: "inline" }), reply("fallback"));
    noteUnanswered(undefined, text("问题"), reply("fallback"));
    expect(recorded).toEqual([]);
  });

  it("keeps only the question of /ask", () => {
    const { log, recorded } = recorder();
    noteUnanswered(log, text("/ask@overdue_test_bot  逾期", { chat: "group" }), reply("clarify"));
    expect(recorded[0]![0]).toBe("逾期");
  });
});

describe("the terminal chat with UNANSWERED_LOG", () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "chat-unanswered-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("records the unanswered question, redacted, and not the answered one", async () => {
    const file = join(dir, "unanswered.jsonl");
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const chat = runConsoleChat({ respond: shippedCore().respond, input, output, prompt: false, unanswered: createUnansweredLog(file) });
    input.end("花呗逾期了会上门催收吗\n帮我查一下手机13912345678的账单\n/quit\n");
    await chat;
    const entries = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(entries).toEqual([expect.objectContaining({ kind: "out_of_scope", question: "帮我查一下手机[手机号]的账单" })]);
  });
});
