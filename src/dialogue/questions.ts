/**
 * Several questions in one message ("hb逾期三个月会上征信吗？会被起诉吗？"): the message split
 * where a sentence ends, so each question can be looked up on its own.
 */

// Where one question ends and the next may begin: sentence-ending punctuation in either width,
// and line breaks.
const SENTENCE_END = /[？?！!。；;\n]+/;

// A piece needs this many characters that carry meaning (Han, letters, digits) to count as a
// question: "嗯？" and "！！" are not.
const MIN_CHARS = 4;
const MEANINGFUL = /[\p{Script=Han}\p{L}\p{N}]/gu;

/** At most this many questions of one message are looked up. */
export const MAX_QUESTIONS = 4;

/**
 * The questions of a message that asks more than one, in order (at most {@link MAX_QUESTIONS});
 * empty when it asks one, so callers look up the whole message as usual.
 */
export function splitQuestions(text: string): string[] {
  const parts = text
    .split(SENTENCE_END)
    .map((part) => part.trim())
    .filter((part) => (part.match(MEANINGFUL)?.length ?? 0) >= MIN_CHARS);
  return parts.length >= 2 ? parts.slice(0, MAX_QUESTIONS) : [];
}
