/**
 * The matcher: finds the intents a question most likely means. Built once at start from the
 * knowledge base; `match` is pure and synchronous.
 *
 * Scoring, per indexed phrasing (the intent's question and phrasings, normalised):
 * - fuse.js token search gives the query coverage: the IDF-weighted share of the question's
 *   tokens found in the phrasing;
 * - the document coverage is the IDF-weighted share of the phrasing's tokens found in the
 *   question, so a long message full of context still recognises the phrasing it contains;
 * - similarity = queryCoverage^Q × documentCoverage^(1−Q).
 * An intent scores its best phrasing plus a small bonus when other phrasings agree.
 * Out-of-scope examples are indexed as one more class.
 */
import Fuse from "fuse.js";
import type { Intent, KnowledgeBase } from "../knowledge/types.ts";
import { FUSE_OPTIONS, type PhrasingDoc } from "./fuse-options.ts";
import { createNormaliser, type Normaliser, type SituationFacts } from "./normalise/index.ts";
import { tokenise } from "./tokenise.ts";

/** An intent the question may mean, with its similarity in [0, 1]. */
export interface Candidate {
  intent: Intent;
  /** Similarity of the question to the intent's closest phrasing, in [0, 1]. */
  score: number;
}

/** What the matcher found for one question. */
export interface MatchResult {
  /** The normalised question. */
  text: string;
  /** Duration and amount the user stated, if any. */
  facts: SituationFacts;
  /** In-scope intents, best first (at most `MAX_CANDIDATES`). */
  candidates: Candidate[];
  /** Similarity to the closest out-of-scope example, in [0, 1]. */
  outOfScope: number;
  /** Whether the question mentions the domain at all (花呗, 借呗, 逾期, 催收 …). */
  inDomain: boolean;
}

/** Finds intents for questions. */
export interface Matcher {
  match(text: string): MatchResult;
  readonly normaliser: Normaliser;
}

/** Tuning of the similarity; the defaults were chosen on the dev set (bench/README.md). */
export interface MatcherOptions {
  /** Exponent of the query coverage in the similarity (the rest goes to document coverage). */
  queryWeight: number;
  /** Weight of the second-best phrasing of the same intent, as agreement bonus. */
  agreement: number;
  /** How many candidates a result lists. */
  maxCandidates: number;
}

export const DEFAULT_MATCHER_OPTIONS: Readonly<MatcherOptions> = Object.freeze({
  queryWeight: 0.5,
  agreement: 0.15,
  maxCandidates: 5,
});

// Words that show a question is about overdue debt or collection at all.
const DOMAIN = /花呗|借呗|支付宝|蚂蚁|备用金|网贷|逾期|催收|欠款|欠钱|欠了|还款|还钱|还不上|罚息|征信|芝麻信用|起诉|法院|传票|上门|外访|通讯录|紧急联系人|协商|分期|停息|减免|结清|上岸|失信|投诉|举报|骚扰|威胁|律师/;

/** Builds the matcher; the index is built here, once. */
export function createMatcher(kb: KnowledgeBase, options: Partial<MatcherOptions> = {}): Matcher {
  const opts = { ...DEFAULT_MATCHER_OPTIONS, ...options };
  const normaliser = createNormaliser(kb.lexicon);
  const outOfScopeClass = kb.intents.length;

  // === Index
  const docs: PhrasingDoc[] = [];
  const seen = new Set<string>();
  const add = (text: string, cls: number) => {
    const normalised = normaliser.normalise(text);
    const key = `${cls}\u0000${normalised}`;
    if (!normalised || seen.has(key)) return;
    seen.add(key);
    docs.push({ text: normalised, cls });
  };
  kb.intents.forEach((intent, cls) => {
    add(intent.question, cls);
    for (const p of intent.phrasings) add(p, cls);
  });
  for (const p of kb.outOfScope) add(p, outOfScopeClass);

  const docTokens = docs.map((d) => new Set(tokenise(d.text)));
  const df = new Map<string, number>();
  for (const set of docTokens) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => {
    const n = df.get(t) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };
  const docMass = docTokens.map((set) => [...set].reduce((sum, t) => sum + idf(t), 0));
  const fuse = new Fuse(docs, FUSE_OPTIONS, Fuse.createIndex(FUSE_OPTIONS.keys ?? [], docs));

  // === Search
  function match(raw: string): MatchResult {
    const { text, facts } = normaliser.analyse(raw);
    const inDomain = DOMAIN.test(text);
    const queryTokens = new Set(tokenise(text));
    if (queryTokens.size === 0) return { text, facts, candidates: [], outOfScope: 0, inDomain };

    const best = new Map<number, [number, number]>(); // class → [best, second best]
    for (const r of fuse.search(text)) {
      const queryCoverage = 1 - (r.score ?? 1);
      const tokens = docTokens[r.refIndex]!;
      let shared = 0;
      for (const t of tokens) if (queryTokens.has(t)) shared += idf(t);
      const mass = docMass[r.refIndex]!;
      const documentCoverage = mass > 0 ? shared / mass : 0;
      const similarity = queryCoverage ** opts.queryWeight * documentCoverage ** (1 - opts.queryWeight);
      const cls = r.item.cls;
      const pair = best.get(cls) ?? [0, 0];
      if (similarity > pair[0]) best.set(cls, [similarity, pair[0]]);
      else if (similarity > pair[1]) best.set(cls, [pair[0], similarity]);
    }

    let outOfScope = 0;
    const candidates: Candidate[] = [];
    for (const [cls, [first, second]] of best) {
      const score = Math.min(1, first + opts.agreement * second * (1 - first));
      if (cls === outOfScopeClass) outOfScope = score;
      else candidates.push({ intent: kb.intents[cls]!, score });
    }
    candidates.sort((a, b) => b.score - a.score || a.intent.id.localeCompare(b.intent.id));
    return { text, facts, candidates: candidates.slice(0, opts.maxCandidates), outOfScope, inDomain };
  }

  return { match, normaliser };
}
