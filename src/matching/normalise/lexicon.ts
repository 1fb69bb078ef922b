/**
 * Lexicon rewriting: abbreviations, slang and typos from `intents/lexicon.yaml` become the words
 * the knowledge base uses (hb → 花呗, 花被 → 花呗, 崔收 → 催收). Longest source first, one pass,
 * so a rewrite never feeds another.
 */
import type { TextStep } from "./script.ts";

/** A rewrite rule: each `from` becomes `to`. */
export interface RewriteRule {
  to: string;
  from: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One global regular expression that finds any of `words` (already normalised), longest first.
 * ASCII words only match whole (so `hb` matches in `hb逾期`, not inside `github`); Chinese words
 * match anywhere.
 */
export function wordsPattern(words: Iterable<string>): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((s) => (/^[a-z0-9 ]+$/.test(s) ? `(?<![a-z])${escape(s)}(?![a-z])` : escape(s))).join("|"), "g");
}

/**
 * Compiles the rules into one step. ASCII sources only match as whole words (so `hb` rewrites
 * in `hb逾期` but not inside `github`); Chinese sources match anywhere.
 * @param fold applied to every source first, so rules are written in any script or width.
 */
export function createLexiconStep(rules: readonly RewriteRule[], fold: TextStep): TextStep {
  const target = new Map<string, string>();
  for (const rule of rules) {
    for (const from of rule.from) {
      const key = fold(from);
      if (key && key !== rule.to) target.set(key, rule.to);
    }
  }
  if (target.size === 0) return (text) => text;
  const regex = wordsPattern(target.keys());
  return (text) => text.replace(regex, (m) => target.get(m) ?? m);
}
