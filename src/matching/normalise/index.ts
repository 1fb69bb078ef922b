/**
 * The normaliser: one function from raw user text to the text the matcher compares, built once
 * from the lexicon. Steps, in order: width/case/invisibles → Traditional→Simplified →
 * punctuation/emoji/repeats → numbers → lexicon rewrites.
 */
import { createLexiconStep, type RewriteRule } from "./lexicon.ts";
import { digitiseNumbers, extractFacts, type SituationFacts } from "./numbers.ts";
import { foldPunctuation } from "./punctuation.ts";
import { createScriptStep, type TextStep } from "./script.ts";
import { foldWidth } from "./width.ts";

export { extractFacts, parseChineseNumber, type SituationFacts } from "./numbers.ts";
export type { RewriteRule } from "./lexicon.ts";

/** Turns raw text into comparable text; pure and deterministic. */
export interface Normaliser {
  /** Fully normalised text (lexicon applied). */
  normalise(text: string): string;
  /** Normalised text plus the situation facts it states. */
  analyse(text: string): { text: string; facts: SituationFacts };
}

// OpenCC's dictionaries take a moment to build; one instance serves every normaliser.
let sharedScriptStep: TextStep | undefined;

/** Builds the normaliser for a lexicon. */
export function createNormaliser(rules: readonly RewriteRule[]): Normaliser {
  const script = (sharedScriptStep ??= createScriptStep());
  const base: TextStep = (text) => foldPunctuation(digitiseNumbers(script(foldWidth(text))));
  const lexicon = createLexiconStep(rules, base);
  const normalise = (text: string) => lexicon(base(text)).replace(/\s+/g, " ").trim();
  return {
    normalise,
    analyse(text) {
      const normalised = normalise(text);
      return { text: normalised, facts: extractFacts(normalised) };
    },
  };
}
