import { describe, expect, it } from "vitest";
import { buildKnowledge, type SourceFile } from "../../src/knowledge/build.ts";
import { KnowledgeError } from "../../src/knowledge/errors.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { citationDocs, KB_OPTIONS, shippedFiles } from "../support/shipped.ts";

/** The shipped files with one file's text changed by `edit`. */
function withEdit(name: string, edit: (text: string) => string): SourceFile[] {
  return shippedFiles().map((f) => (f.name === name ? { ...f, text: edit(f.text) } : f));
}

function problemsOf(files: SourceFile[]) {
  const result = buildKnowledge(files, citationDocs());
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** The 1-based line of the first occurrence of `needle` in a shipped file. */
function lineOf(name: string, needle: string, text = shippedFiles().find((f) => f.name === name)!.text): number {
  const index = text.indexOf(needle);
  expect(index, `'${needle}' in ${name}`).toBeGreaterThanOrEqual(0);
  return text.slice(0, index).split("\n").length;
}

describe("the knowledge-base loader", () => {
  it("loads the shipped content with every citation checked", () => {
    const kb = loadKnowledge(KB_OPTIONS);
    expect(kb.intents.length).toBeGreaterThanOrEqual(60);
    expect(kb.menuById.has("main")).toBe(true);
  });

  it("reports a YAML syntax error with file and line", () => {
    const files = withEdit("topics/lawsuit.yaml", (t) => t.replace("  - id: suit_jail", "  - id: suit_jail\n   bad: [unclosed"));
    const [p] = problemsOf(files);
    expect(p!.file).toMatch(/topics\/lawsuit\.yaml$/);
    expect(p!.message).toMatch(/YAML syntax error/);
    expect(p!.line).toBeGreaterThan(lineOf("topics/lawsuit.yaml", "  - id: suit_jail") - 1);
  });

  it("reports an unknown right at its own line, listing the known ones", () => {
    const name = "topics/home_visit.yaml";
    const original = shippedFiles().find((f) => f.name === name)!.text;
    const target = /rights: \[([a-z_]+)/.exec(original)!;
    const edited = original.replace(target[0], target[0].replace(target[1]!, "privcy"));
    const problems = problemsOf(withEdit(name, () => edited));
    const p = problems.find((x) => x.message.includes("privcy"))!;
    expect(p.message).toContain("unknown right 'privcy'");
    expect(p.message).toContain("verify_identity");
    expect(p.line).toBe(lineOf(name, "privcy", edited));
    expect(p.context).toContain("> ");
  });

  it("reports a missing required field at the intent", () => {
    const name = "topics/privacy.yaml";
    const original = shippedFiles().find((f) => f.name === name)!.text;
    const edited = original.replace(/\n    question: [^\n]*/, "");
    const problems = problemsOf(withEdit(name, () => edited));
    expect(problems.some((p) => p.file.endsWith(name) && /question/.test(p.message + p.path) && p.line > 0)).toBe(true);
  });

  it("rejects the same phrasing under two intents after normalisation", () => {
    // 'HB逾期了會上門嗎' normalises like a home-visit phrasing; put it under a lawsuit intent too.
    const visit = shippedFiles().find((f) => f.name === "topics/home_visit.yaml")!.text;
    const phrasing = /phrasings:\n\s+- (.+)/.exec(visit)![1]!.trim();
    const files = withEdit("topics/lawsuit.yaml", (t) => t.replace(/phrasings:\n/, `phrasings:\n      - "${phrasing}！！"\n`));
    const problems = problemsOf(files);
    const p = problems.find((x) => x.message.includes("is also under intent"))!;
    expect(p).toBeDefined();
    expect(p.file).toMatch(/lawsuit\.yaml$/);
    expect(p.message).toMatch(/visit_/);
  });

  it("rejects a word listed under two concepts, at the second one's line", () => {
    const edited = shippedFiles().find((f) => f.name === "lexicon.yaml")!.text.replace("words: [报警, 110,", "words: [报警, 110, 领导,");
    const problems = problemsOf(withEdit("lexicon.yaml", () => edited));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/lexicon\.yaml$/);
    expect(problems[0]!.message).toContain("concept 'work'");
    expect(problems[0]!.line).toBe(lineOf("lexicon.yaml", "words: [报警, 110, 领导,", edited));
  });

  it("rejects an unknown fact and a seed section that is not in the seed", () => {
    const name = "topics/lawsuit.yaml";
    const files = withEdit(name, (t) => t.replace(/- fact: [a-z_0-9]+/, "- fact: no_such_fact").replace(/section: [^\n]+/, "section: 九十九、不存在的章节"));
    const messages = problemsOf(files).map((p) => p.message);
    expect(messages.some((m) => m.includes("unknown fact 'no_such_fact'"))).toBe(true);
    if (citationDocs().seeds) expect(messages.some((m) => m.includes("is not a heading or paragraph opening"))).toBe(true);
  });

  it("rejects orphan table rows and unknown menu entries", () => {
    const files = withEdit("menus.yaml", (t) => t.replace("      - intent: conseq_first_days", "      - intent: no_such_intent"));
    const withOrphan = files.map((f) =>
      f.name === "sources.yaml" ? { ...f, text: f.text.replace("facts:\n", "facts:\n  - id: orphan_fact\n    ref: 1a\n    title: 未被引用\n") } : f,
    );
    const messages = problemsOf(withOrphan).map((p) => p.message);
    expect(messages).toContain("unknown intent 'no_such_intent'");
    expect(messages).toContain("no intent cites fact 'orphan_fact'");
  });

  it("throws one KnowledgeError holding every problem when loading from disk fails", () => {
    expect(() => loadKnowledge({ dir: "no/such/folder" })).toThrow(KnowledgeError);
  });
});
