/** Traditional → Simplified Chinese (OpenCC), so 借唄/逾期會 match 借呗/逾期会. */
import * as OpenCC from "opencc-js";

/** A text transformation step of the normaliser. */
export type TextStep = (text: string) => string;

/**
 * Creates the Traditional→Simplified step. Both Taiwan and Hong Kong variants are folded; the
 * conversion is a no-op on text that is already Simplified.
 */
export function createScriptStep(): TextStep {
  const fromTaiwan = OpenCC.Converter({ from: "tw", to: "cn" });
  const fromHongKong = OpenCC.Converter({ from: "hk", to: "cn" });
  // Skip the dictionaries entirely for ASCII-only text (the common case for commands).
  return (text) => (/[^\x00-\x7f]/.test(text) ? fromHongKong(fromTaiwan(text)) : text);
}
