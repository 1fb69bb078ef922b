/**
 * `ask --json` is the scripting interface (evaluations, pipelines): it must answer every line of
 * stdin with exactly one JSON object, in order, whatever the line holds (issue 7, "bad input").
 * One CLI process answers about 300 generated junk lines; a process per line would be too slow.
 */
import { spawn } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** The keys every answer object carries (JsonReply in src/adapters/console/json.ts). */
const KEYS = [
  "question",
  "kind",
  "intent",
  "topic",
  "stage",
  "confidence",
  "candidates",
  "rights",
  "sources",
  "text",
  "quickReplies",
] as const;
const KINDS = ["answer", "clarify", "fallback", "out_of_scope", "menu", "notice"];

/** Runs `ask --json` once over `input` and resolves with its exit code, stdout and stderr. */
function askJson(input: Buffer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "src/cli.ts", "ask", "--json"], {
      cwd: process.cwd(),
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
    child.stdin.end(input);
  });
}

// === Generated lines: junk without raw line breaks (\r only as part of a CRLF ending)

const fromCodes = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
const unit = fc.oneof(
  fc.constantFrom(..."花呗 借呗 逾期 催收 上门 起诉 90天 3个月 2万 /start /ask /menu /help @bot".split(" ")),
  fromCodes(0x4e00, 0x9fa5),
  fc.constantFrom(..."😀 🙏 👨‍👩‍👧 🇨🇳 ❤️".split(" ")),
  fc.constantFrom(..."\u200b\u200d\ufeff\u0000\u0007\u001b\u007f\u0085\u202e\u2028\u2029\t\u000b\u000c"),
  fromCodes(0xd800, 0xdfff), // lone surrogates: written to stdin as U+FFFD
  fromCodes(0x0590, 0x06ff),
  fc.constantFrom("<b>", "</i>", "<script>", "&amp;", "&", "[x](y)", "**", "`", '"', "\\", "{", "}", '{"a":1}', "null"),
  fc.constantFrom(..."!?。，、；：…—·<>*_~#@$%^"),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const line = fc.oneof(
  { arbitrary: fc.array(unit, { maxLength: 30 }).map((a) => a.join("")), weight: 20 },
  { arbitrary: fc.constantFrom("", " ", "\t", "   \t  "), weight: 2 },
  { arbitrary: fc.tuple(unit, fc.integer({ min: 4_097, max: 20_000 })).map(([u, n]) => (u || "长").repeat(n).slice(0, n)), weight: 1 },
).map((l) => l.replace(/[\r\n]/g, " "));

/** The question the CLI sees for a line: lone surrogates became U+FFFD on the way in. */
const asReceived = (l: string) => Buffer.from(l, "utf8").toString("utf8");

describe("ask --json over generated junk lines", () => {
  it("answers every line with exactly one JSON object carrying every key, in order", async () => {
    const lines = fc.sample(line, { numRuns: 300 });
    // Some lines end in CRLF, as files written on Windows do.
    const input = lines.map((l, i) => `${l}${i % 7 === 0 ? "\r\n" : "\n"}`).join("");
    const { code, stdout, stderr } = await askJson(Buffer.from(input, "utf8"));
    expect(stderr.replace(/npm warn[^\n]*\n?/gi, "")).toBe("");
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    const outputs = stdout.slice(0, -1).split("\n");
    expect(outputs).toHaveLength(lines.length);
    outputs.forEach((out, i) => {
      const obj = JSON.parse(out) as Record<string, unknown>;
      for (const key of KEYS) expect(obj, `line ${i}`).toHaveProperty(key);
      expect(obj.question, `line ${i}`).toBe(asReceived(lines[i]!));
      expect(KINDS).toContain(obj.kind);
      expect(obj).not.toHaveProperty("error");
    });
  }, 120_000);

  it("reads a carriage return inside a line as part of the line, not as a line break", async () => {
    // Bug: cli.ts reads stdin with node:readline, which ends a line at a lone \r as well as at
    // \n, so "abc\rdef\n" gets two answers ("abc", "def") and every later answer is out of step
    // with its input line. JSONL consumers pair answers with lines by position.
    const lines = ["花呗逾期\r会上门吗", "abc\rdef", "借呗逾期会被起诉吗"];
    const { stdout } = await askJson(Buffer.from(lines.map((l) => `${l}\n`).join(""), "utf8"));
    const questions = stdout
      .trimEnd()
      .split("\n")
      .map((o) => (JSON.parse(o) as { question: string }).question);
    expect(questions).toEqual(lines);
  }, 60_000);
});
