/** Traditional → Simplified Chinese (OpenCC), so 借唄/逾期會 match 借呗/逾期会. */
import * as OpenCC from "opencc-js";

/** A text transformation step of the normaliser. */
export type TextStep = (text: string) => string;

/**
 * Creates the Traditional→Simplified step; a no-op on text that is already Simplified.
 * The Hong Kong dictionary is used because it also folds Taiwan forms (裡, 甚麼) without the
 * Taiwan dictionary's phrase rewrites, which turn the Simplified particle 么 into 幺.
 */
export function createScriptStep(): TextStep {
  const toSimplified = OpenCC.Converter({ from: "hk", to: "cn" });
  // Skip the dictionaries entirely for ASCII-only text (the common case for commands).
  return (text) => (/[^\x00-\x7f]/.test(text) ? toSimplified(text) : text);
}
