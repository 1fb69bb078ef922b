import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const TSX = ["--import", "tsx", "src/cli.ts"];

describe("the command line", () => {
  it("check passes on the shipped content and prints the counts", async () => {
    const { stdout } = await run("node", [...TSX, "check"]);
    expect(stdout).toMatch(/check: ok — \d+ intents, \d+ phrasings, 13\/13 topics, 6\/6 stages/);
  });

  it("check fails naming file and line when the content is broken", () => {
    const result = spawnSync("node", [...TSX, "check"], { env: { ...process.env, INTENTS_DIR: "tests/fixtures/broken-intents" }, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/tests\/fixtures\/broken-intents\/rights\.yaml:\d+:\d+: /);
  });

  it("ask --json answers one JSON line per stdin line, in order, never stopping on a bad line", () => {
    const input = ["借呗逾期会被起诉吗", "", "😀😀", "<b>x</b>", "花呗逾期了会上门催收吗"].join("\n") + "\n";
    const result = spawnSync("node", [...TSX, "ask", "--json"], { input, encoding: "utf8" });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(["借呗逾期会被起诉吗", "", "😀😀", "<b>x</b>", "花呗逾期了会上门催收吗"]);
    expect(lines[0]).toMatchObject({ kind: "answer", stage: "lawsuit", topic: "lawsuit" });
    expect(lines[4]).toMatchObject({ kind: "answer", stage: "visit" });
    for (const key of ["question", "kind", "intent", "topic", "stage", "confidence", "candidates", "rights", "sources", "text", "quickReplies"]) {
      expect(lines[0]).toHaveProperty(key);
    }
    expect(lines[0].candidates.length).toBeLessThanOrEqual(3);
  });

  it("the terminal chat answers piped questions and follows numbered choices", () => {
    const result = spawnSync("node", ["--import", "tsx", "src/main.ts"], {
      input: "花呗逾期了会上门催收吗\n1\n/quit\n",
      encoding: "utf8",
      env: { ...process.env, TELEGRAM_BOT_TOKEN: "" },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("所处阶段：上门外访");
    expect(result.stdout).toContain("你的权利");
    expect(result.stdout).toContain("再见");
  });
});
