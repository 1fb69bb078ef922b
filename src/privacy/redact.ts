/**
 * Redaction of personal numbers before any text reaches a log: mobile and landline numbers,
 * 身份证 numbers, bank-card numbers and e-mail addresses become fixed placeholders, and a bot
 * token is removed wherever it appears. Amounts, durations and public hotlines stay readable,
 * because content maintainers need them to understand unanswered questions.
 *
 * Matching runs on a copy in which full-width characters (１３８, ＠, －, the ideographic space)
 * are folded to ASCII one code unit for one code unit, so positions found on the copy are the
 * positions in the original text.
 */

// === Placeholders

/** The fixed placeholders that replace each kind of personal number. */
export const PLACEHOLDERS = Object.freeze({
  mobile: "[手机号]",
  idCard: "[身份证号]",
  bankCard: "[银行卡号]",
  landline: "[电话]",
  email: "[邮箱]",
  /** Any other run of 12 or more digits (account, contract or card numbers of unusual length). */
  number: "[号码]",
  /** A Telegram bot token. */
  token: "[TOKEN]",
} as const);

type Kind = Exclude<keyof typeof PLACEHOLDERS, "token">;

// === Patterns, in the order they are applied (earlier patterns win overlapping text)

// YYYYMMDD and YYMMDD of a 身份证 birth date: a plausible month and day.
const DATE8 = String.raw`(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
const DATE6 = String.raw`\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
// Digits must not touch the match on either side, so a number is never cut in two. Letters may
// (tel13812345678), because a missed number costs more than a placeholder too many.
const START = String.raw`(?<!\d)`;
const END = String.raw`(?!\d)`;

const PATTERNS: ReadonlyArray<readonly [Kind, RegExp]> = [
  // name@example.com; before the numbers, so digits inside an address are not taken for a phone.
  ["email", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  // 18-digit 身份证: region, birth date, sequence, check digit (X allowed); may be spaced 6-8-4.
  ["idCard", new RegExp(String.raw`${START}[1-9]\d{5}[ -]?${DATE8}[ -]?\d{3}[\dXx]${END}`, "g")],
  // 17 digits and an X can only be a 身份证, whatever the date looks like.
  ["idCard", new RegExp(String.raw`${START}\d{17}[Xx]${END}`, "g")],
  // Bank cards: 16-19 digits, plain or in groups of four (6222 0212 3456 7890 123).
  ["bankCard", new RegExp(String.raw`${START}\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?${END}`, "g")],
  ["bankCard", new RegExp(String.raw`${START}\d{16,19}${END}`, "g")],
  // 15-digit 身份证 (issued before 1999): region, YYMMDD, sequence.
  ["idCard", new RegExp(String.raw`${START}[1-9]\d{5}${DATE6}\d{3}${END}`, "g")],
  // Mobiles: 1[3-9]x xxxx xxxx, optionally +86 / 0086 / 86, spaces or dashes between groups.
  ["mobile", new RegExp(String.raw`${START}(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}${END}`, "g")],
  // Landlines with an area code: 010-12345678, (0571)87654321, 021 8765 4321, extensions.
  // Local numbers never start with 0, which keeps runs of zeros such as 0500000000 out.
  [
    "landline",
    new RegExp(
      String.raw`${START}(?:\(0\d{2,3}\)|0\d{2,3})[ -]?[1-9]\d{2,3}[ -]?\d{4}(?:(?:-|转|ext\.?|x)\d{1,6})?${END}`,
      "g",
    ),
  ],
  // Anything else of 12 or more digits is someone's number, never an amount or a hotline.
  ["number", new RegExp(String.raw`${START}\d{12,}${END}`, "g")],
];

/** Folds full-width ASCII forms and the ideographic space, keeping every index in place. */
function foldForMatching(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

// Fills matched ranges of the working copy so later patterns cannot match inside them; a
// private-use character is neither a digit nor a letter, so boundaries stay boundaries.
const FILLER = "\ue000";

/**
 * Replaces personal numbers and addresses in `text` by fixed placeholders (see
 * {@link PLACEHOLDERS}): Chinese mobile numbers (with optional +86 and spaces or dashes),
 * landlines with an area code, 18- and 15-digit 身份证 numbers, bank-card numbers (16-19
 * digits, optionally grouped), e-mail addresses, and any other run of 12 or more digits.
 *
 * Ordinary amounts and durations (5000, 2万, 90天, 3个月) and hotlines (95188, 12378, 12321,
 * 12348, 12368, 110) are kept. Use it on every string that may reach a log.
 *
 * @param text Any text, typically a user's message.
 * @returns The text with each match replaced; unchanged when nothing matched.
 * @example
 * redact("我电话138 1234 5678，欠了5000") // "我电话[手机号]，欠了5000"
 */
export function redact(text: string): string {
  let work = foldForMatching(text);
  const hits: Array<{ start: number; end: number; kind: Kind }> = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const m of work.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      hits.push({ start, end, kind });
      work = work.slice(0, start) + FILLER.repeat(end - start) + work.slice(end);
    }
  }
  if (hits.length === 0) return text;
  hits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const hit of hits) {
    out += text.slice(at, hit.start) + PLACEHOLDERS[hit.kind];
    at = hit.end;
  }
  return out + text.slice(at);
}

// === Tokens

// A Telegram bot token: numeric bot id, a colon (possibly URL-encoded), a long secret.
const TOKEN_SHAPE = /\d{6,}(?::|%3[Aa])[\w-]{30,}/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Removes a bot token from `text`: the exact token, its secret part on its own, and anything
 * shaped like a token (`/\d{6,}:[\w-]{30,}/`, also with the colon URL-encoded), so a token in
 * an error message or a request URL never reaches a log.
 *
 * @param text An error message, URL or log line.
 * @param token The configured bot token; an empty token removes only token-shaped strings.
 * @returns The text with every token replaced by `[TOKEN]`.
 */
export function redactToken(text: string, token: string): string {
  let out = text;
  if (token) {
    out = out.replace(new RegExp(escapeRegExp(token), "g"), PLACEHOLDERS.token);
    const secret = token.slice(token.indexOf(":") + 1);
    // The secret alone identifies the bot too; short strings are not tokens and stay.
    if (secret.length >= 20 && secret !== token) {
      out = out.replace(new RegExp(escapeRegExp(secret), "g"), PLACEHOLDERS.token);
    }
  }
  return out.replace(TOKEN_SHAPE, PLACEHOLDERS.token);
}
