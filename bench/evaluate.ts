/**
 * Evaluation of the matcher and decision policy on a labelled TSV (`question<TAB>expected`,
 * expected `intent:<id>`, `topic:<a>|<b>` or `none`). Pure over a core; `bench/eval.ts` is the
 * command line, `tests/eval.test.ts` holds the CI floor with it.
 */
import { readFileSync } from "node:fs";
import Fuse from "fuse.js";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import { decide, DEFAULT_THRESHOLDS, type DecisionThresholds } from "../src/matching/decide.ts";
import { BASELINE_FUSE_OPTIONS, type PhrasingDoc } from "../src/matching/fuse-options.ts";
import type { Matcher, MatchResult } from "../src/matching/matcher.ts";

/** One labelled question. */
export interface EvalRow {
  question: string;
  /** `none`, or the acceptable intents or topics. */
  expected: { kind: "none" } | { kind: "intent" | "topic"; ids: string[] };
}

/** Reads a TSV of labelled questions; a header line starting with `question` is skipped. */
export function readEvalFile(file: string): EvalRow[] {
  const rows: EvalRow[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim() || (i === 0 && /^question\t/.test(line))) return;
      const tab = line.lastIndexOf("\t");
      if (tab < 0) throw new Error(`${file}:${i + 1}: expected question<TAB>expected`);
      const question = line.slice(0, tab);
      const label = line.slice(tab + 1).trim();
      if (label === "none") rows.push({ question, expected: { kind: "none" } });
      else {
        const m = /^(intent|topic):(.+)$/.exec(label);
        if (!m) throw new Error(`${file}:${i + 1}: expected 'intent:<id>', 'topic:<id>[|<id>]' or 'none', got '${label}'`);
        rows.push({ question, expected: { kind: m[1] as "intent" | "topic", ids: m[2]!.split("|") } });
      }
    });
  return rows;
}

/** A ranked guess: intent ids with their topics, best first. */
export type Ranking = Array<{ intent: string; topic: string }>;

const hits = (row: EvalRow, guess: { intent: string; topic: string } | undefined): boolean => {
  if (!guess || row.expected.kind === "none") return false;
  return row.expected.ids.includes(row.expected.kind === "intent" ? guess.intent : guess.topic);
};

/** Figures of one evaluation. */
export interface EvalReport {
  rows: number;
  inScope: number;
  outOfScope: number;
  /** Share of in-scope questions whose top candidate is right (intent or topic, as labelled). */
  top1: number;
  /** Share of in-scope questions with a right candidate among the top 3. */
  top3: number;
  /** Of the questions answered, the share answered right (an answered `none` is wrong). */
  answerPrecision: number;
  /** Share of in-scope questions answered (not clarify, fallback or out of scope). */
  answerRate: number;
  /** Share of in-scope questions answered right. */
  answerRecall: number;
  /** Share of `none` questions declined (out of scope or fallback). */
  outOfScopeRecall: number;
  /** Of the questions declined as out of scope or fallback, the share that were `none`. */
  outOfScopePrecision: number;
  /** In-scope questions refused as out of scope (the fallback's tips and menu not counted). */
  inScopeRefused: number;
  /** Reply kinds given. */
  kinds: Record<string, number>;
  /** The most frequent wrong top answers, `expected → got`. */
  confusions: Array<{ expected: string; got: string; count: number; example: string }>;
  /** Plain fuse.js with default options over the same phrasings. */
  baseline: { top1: number; top3: number };
}

/** The plain fuse.js baseline: defaults, raw phrasings, best phrasing per intent. */
export function createBaseline(kb: KnowledgeBase): (q: string) => Ranking {
  const docs: PhrasingDoc[] = [];
  kb.intents.forEach((it, cls) => [it.question, ...it.phrasings].forEach((text) => docs.push({ text, cls })));
  const fuse = new Fuse(docs, BASELINE_FUSE_OPTIONS);
  return (q) => {
    const seen = new Set<number>();
    const ranking: Ranking = [];
    for (const r of fuse.search(q)) {
      if (seen.has(r.item.cls)) continue;
      seen.add(r.item.cls);
      const it = kb.intents[r.item.cls]!;
      ranking.push({ intent: it.id, topic: it.topic });
      if (ranking.length === 3) break;
    }
    return ranking;
  };
}

/** Evaluates the matcher and the decision policy on labelled rows. */
export function evaluate(
  kb: KnowledgeBase,
  matcher: Matcher,
  rows: readonly EvalRow[],
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
  cache: EvalCache = createEvalCache(kb, matcher),
): EvalReport {
  let inScope = 0, top1 = 0, top3 = 0, answered = 0, answeredRight = 0, answeredInScope = 0;
  let none = 0, noneDeclined = 0, declined = 0, refused = 0, baseTop1 = 0, baseTop3 = 0;
  const kinds: Record<string, number> = {};
  const confusion = new Map<string, { count: number; example: string }>();
  for (const row of rows) {
    const result = cache.match(row.question);
    const decision = decide(result, thresholds);
    kinds[decision.kind] = (kinds[decision.kind] ?? 0) + 1;
    const ranking = result.candidates.map((c) => ({ intent: c.intent.id, topic: c.intent.topic }));
    if (decision.kind === "out_of_scope" || decision.kind === "fallback") declined++;
    if (row.expected.kind === "none") {
      none++;
      if (decision.kind === "out_of_scope" || decision.kind === "fallback") noneDeclined++;
      if (decision.kind === "answer") {
        answered++;
        const key = `none → ${decision.candidate.intent.topic}`;
        const c = confusion.get(key) ?? { count: 0, example: row.question };
        confusion.set(key, { ...c, count: c.count + 1 });
      }
      continue;
    }
    inScope++;
    if (decision.kind === "out_of_scope") refused++;
    if (hits(row, ranking[0])) top1++;
    else {
      const key = `${row.expected.ids.join("|")} → ${ranking[0]?.[row.expected.kind] ?? "(nothing)"}`;
      const c = confusion.get(key) ?? { count: 0, example: row.question };
      confusion.set(key, { ...c, count: c.count + 1 });
    }
    if (ranking.slice(0, 3).some((g) => hits(row, g))) top3++;
    const base = cache.baseline(row.question);
    if (hits(row, base[0])) baseTop1++;
    if (base.some((g) => hits(row, g))) baseTop3++;
    if (decision.kind === "answer") {
      answered++;
      answeredInScope++;
      if (hits(row, { intent: decision.candidate.intent.id, topic: decision.candidate.intent.topic })) answeredRight++;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
  return {
    rows: rows.length,
    inScope,
    outOfScope: none,
    top1: ratio(top1, inScope),
    top3: ratio(top3, inScope),
    answerPrecision: ratio(answeredRight, answered),
    answerRate: ratio(answeredInScope, inScope),
    answerRecall: ratio(answeredRight, inScope),
    outOfScopeRecall: ratio(noneDeclined, none),
    outOfScopePrecision: ratio(noneDeclined, declined),
    inScopeRefused: refused,
    kinds,
    confusions: [...confusion]
      .map(([k, v]) => ({ expected: k.split(" → ")[0]!, got: k.split(" → ")[1]!, count: v.count, example: v.example }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    baseline: { top1: ratio(baseTop1, inScope), top3: ratio(baseTop3, inScope) },
  };
}

/** Match results and baseline rankings, computed once a question however many policies are tried. */
export interface EvalCache {
  match(question: string): MatchResult;
  baseline(question: string): Ranking;
}

/** Creates the cache over a matcher and the fuse.js baseline. */
export function createEvalCache(kb: KnowledgeBase, matcher: Matcher): EvalCache {
  const base = createBaseline(kb);
  const matches = new Map<string, MatchResult>();
  const rankings = new Map<string, Ranking>();
  return {
    match: (q) => matches.get(q) ?? (matches.set(q, matcher.match(q)), matches.get(q)!),
    baseline: (q) => rankings.get(q) ?? (rankings.set(q, base(q)), rankings.get(q)!),
  };
}

/** Evaluates the policy at several answer thresholds, for choosing one. */
export function sweep(kb: KnowledgeBase, matcher: Matcher, rows: readonly EvalRow[], answerThresholds: readonly number[], cache = createEvalCache(kb, matcher)) {
  // `answer` is the bar for a question that names the domain; the bar for one that does not
  // moves with it, keeping the policy's distance between the two.
  const offset = DEFAULT_THRESHOLDS.answer - DEFAULT_THRESHOLDS.inDomainAnswer;
  return answerThresholds.map((answer) => {
    const r = evaluate(kb, matcher, rows, { ...DEFAULT_THRESHOLDS, inDomainAnswer: answer, answer: answer + offset, clarify: Math.min(DEFAULT_THRESHOLDS.clarify, answer) }, cache);
    return { answer, answerRate: r.answerRate, answerPrecision: r.answerPrecision, answerRecall: r.answerRecall, outOfScopeRecall: r.outOfScopeRecall };
  });
}
