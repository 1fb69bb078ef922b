/**
 * The unanswered-questions log keeps only what content maintainers need: redacted text, reply
 * kind, the closest intent and the hour. It must never hold personal numbers, ids or exact times.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PLACEHOLDERS } from "../../src/privacy/redact.ts";
import { createUnansweredLog, MAX_LOGGED_CHARS, type UnansweredEntry } from "../../src/privacy/unanswered-log.ts";

let dir: string;
let file: string;
const fixedClock = () => new Date("2025-03-01T14:37:52.123Z");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "unanswered-"));
  file = join(dir, "logs", "unanswered.jsonl");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readLines = (): UnansweredEntry[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as UnansweredEntry);

describe("createUnansweredLog", () => {
  it("appends one JSON line per record, creating the folder", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    expect(log.record("这个怎么办", "fallback")).toBe(true);
    expect(log.record("上门会怎样", "clarify", { intent: "home_visit_real", confidence: 0.41234 })).toBe(true);
    const lines = readLines();
    expect(lines).toEqual([
      { at: "2025-03-01T14:00:00.000Z", kind: "fallback", question: "这个怎么办", top: null },
      {
        at: "2025-03-01T14:00:00.000Z",
        kind: "clarify",
        question: "上门会怎样",
        top: { intent: "home_visit_real", confidence: 0.412 },
      },
    ]);
  });

  it("appends to an existing file and keeps its lines", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    log.record("第一条", "fallback");
    createUnansweredLog(file, { now: fixedClock }).record("第二条", "out_of_scope");
    expect(readLines().map((l) => l.question)).toEqual(["第一条", "第二条"]);
  });

  it("writes only the redacted text: no phone, 身份证, card, e-mail or token survives", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    const question =
      "我手机13812345678，身份证11010119900307123X，卡号6222 0212 3456 7890，邮箱zs@example.com，" +
      "座机010-62345678，bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw，欠了2万逾期90天，打了95188";
    log.record(question, "fallback");
    const raw = readFileSync(file, "utf8");
    expect(raw).not.toMatch(/\d{7,}/);
    expect(raw).not.toContain("@example.com");
    expect(raw).not.toContain("AAHdqTcv");
    const [line] = readLines();
    expect(line!.question).toBe(
      `我手机${PLACEHOLDERS.mobile}，身份证${PLACEHOLDERS.idCard}，卡号${PLACEHOLDERS.bankCard}，` +
        `邮箱${PLACEHOLDERS.email}，座机${PLACEHOLDERS.landline}，bot ${PLACEHOLDERS.token}，欠了2万逾期90天，打了95188`,
    );
  });

  it("removes a token even when its bot id looks like a mobile number", () => {
    createUnansweredLog(file, { now: fixedClock }).record("13812345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "fallback");
    expect(readLines()[0]!.question).toBe(PLACEHOLDERS.token);
  });

  it("holds no user or chat ids and no exact time: only at, kind, question and top", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    // A caller passing a whole reply candidate (with its topic) gets only intent and confidence kept.
    const candidate = { intent: "lawsuit_when", topic: "lawsuit", confidence: 0.3, userId: 42 };
    log.record("会不会被起诉", "fallback", candidate);
    const [line] = readLines();
    expect(Object.keys(line!).sort()).toEqual(["at", "kind", "question", "top"]);
    expect(Object.keys(line!.top!).sort()).toEqual(["confidence", "intent"]);
    expect(line!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
    expect(readFileSync(file, "utf8")).not.toContain("42");
  });

  it("rounds the time down to the start of the hour", () => {
    const times = ["2025-03-01T14:00:00.000Z", "2025-03-01T14:59:59.999Z", "2025-12-31T23:30:00.000Z"];
    for (const t of times) createUnansweredLog(file, { now: () => new Date(t) }).record("x", "fallback");
    expect(readLines().map((l) => l.at)).toEqual([
      "2025-03-01T14:00:00.000Z",
      "2025-03-01T14:00:00.000Z",
      "2025-12-31T23:00:00.000Z",
    ]);
  });

  it("keeps one line per record even for newlines, quotes and very long text", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    log.record('第一行\n第二行\r\n"引号"\u2028', "fallback");
    log.record("长".repeat(5000), "fallback");
    const lines = readLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]!.question).toBe('第一行\n第二行\r\n"引号"\u2028');
    expect([...lines[1]!.question]).toHaveLength(MAX_LOGGED_CHARS);
  });

  it("redacts before cutting, so a number at the cut is not left half readable", () => {
    const log = createUnansweredLog(file, { now: fixedClock });
    log.record(`${"啊".repeat(MAX_LOGGED_CHARS - 5)}13812345678`, "fallback");
    expect(readLines()[0]!.question).not.toMatch(/\d{3,}/);
  });

  it("never throws when the file cannot be written, and reports the error", () => {
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    const errors: unknown[] = [];
    const log = createUnansweredLog(join(blocker, "unanswered.jsonl"), { onError: (e) => errors.push(e) });
    expect(log.record("问题", "fallback")).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
