/** Punctuation, symbols, emoji and repeated characters folded to plain spaced text. */

// Any run of characters that are not letters, marks, digits, masks (*, #) or dots.
const NON_WORD = /[^\p{L}\p{M}\p{N}*#.]+/gu;
// A dot is kept only as a decimal point (1.5万); every other dot is punctuation.
const NON_DECIMAL_DOT = /(?<!\d)\.+|\.+(?!\d)/g;
// Three or more of the same non-digit character (啊啊啊, 好好好好) carry emotion, not meaning.
const REPEATED = /(\D)\1{2,}/gu;

/** Replaces punctuation, symbols and emoji by single spaces and squeezes repeated characters. */
export function foldPunctuation(text: string): string {
  return text
    .replace(NON_WORD, " ")
    .replace(NON_DECIMAL_DOT, " ")
    .replace(REPEATED, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
