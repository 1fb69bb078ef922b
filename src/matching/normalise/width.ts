/** Width, case and invisible characters: full-width ＨＢ１ → hb1, zero-width and control characters removed. */

// Zero-width, bidi controls, BOM, variation selectors, C0/C1 controls (but not \n or \t).
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]/g;
// Lone surrogates cannot be normalised and are never meaningful.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** NFKC (full-width → half-width, compatibility forms), lower case, invisibles dropped. */
export function foldWidth(text: string): string {
  return text.replace(LONE_SURROGATE, "").normalize("NFKC").toLowerCase().replace(INVISIBLE, "");
}
