/**
 * Several sentences in one message ("hb逾期三个月会上征信吗？会被起诉吗？"): the message split
 * where a sentence ends, so each question, and anything urgent said in passing, can be looked
 * up on its own.
 */

// Where a sentence ends: sentence-ending punctuation in either width, and line breaks. The
// punctuation is kept with its sentence (the capture group), so a question mark can be seen.
const SENTENCE_END = /([？?！!。；;\n]+)/;

// A sentence needs this many characters that carry meaning (Han, letters, digits) to count:
// "嗯？" and "！！" are not questions.
const MIN_CHARS = 4;
const MEANINGFUL = /[\p{Script=Han}\p{L}\p{N}]/gu;

// A sentence is a question when it ends with a question mark or uses a question word; "我已经
// 还清了。" before "为什么还收到催款短信？" is context for the question, not one of its own.
const QUESTION = /[？?]|吗|呢|么|怎|如何|能不能|会不会|是不是|可不可以|可以|能否|多久|多少|几|为何|为啥|啥|哪|谁|有没有|要不要/;

/** At most this many sentences of one message are looked up. */
export const MAX_SENTENCES = 4;

/** A sentence of a message, and whether it asks something. */
export interface Sentence {
  text: string;
  question: boolean;
}

/**
 * The sentences of a message that has more than one, in order (at most {@link MAX_SENTENCES});
 * empty when it has one, so callers look up the whole message as usual.
 */
export function splitSentences(text: string): Sentence[] {
  const pieces = text.split(SENTENCE_END);
  const sentences: Sentence[] = [];
  // split() with a capture group alternates sentence, punctuation, sentence, …
  for (let i = 0; i < pieces.length && sentences.length < MAX_SENTENCES; i += 2) {
    const sentence = pieces[i]!.trim();
    if ((sentence.match(MEANINGFUL)?.length ?? 0) < MIN_CHARS) continue;
    sentences.push({ text: sentence, question: QUESTION.test(sentence + (pieces[i + 1] ?? "")) });
  }
  return sentences.length >= 2 ? sentences : [];
}
