/**
 * Property-based robustness of the core (issue 7, "bad input"): at least 10,000 generated
 * messages — junk text, commands with junk, group messages and button presses with any callback
 * data — go through `respond()`, and every reply is checked the way Telegram would check it.
 *
 * Invariants, for every incoming message:
 * - `respond()` never throws;
 * - it returns `null` exactly for group messages not addressed to the bot;
 * - otherwise the reply has a valid kind, a non-empty title, a confidence in [0, 1], and every
 *   quick reply encodes to callback data of at most 64 bytes that decodes back to its action;
 * - its Telegram HTML, minus the renderer's own tags, contains no `<` or `>`, every `&` starts
 *   an entity, tags are balanced, there are no lone surrogates, and it fits in 4,096 characters.
 *
 * The core is built once; the expensive part is free text through the matcher, so the run
 * counts below keep the file well under a minute.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.ts";
import { decodeAction, encodeAction, MAX_CALLBACK_BYTES } from "../../src/dialogue/callback-data.ts";
import { renderPlainText } from "../../src/dialogue/render/plain-text.ts";
import { MESSAGES } from "../../src/dialogue/messages.ts";
import { MAX_MESSAGE_CHARS, renderTelegram } from "../../src/dialogue/render/telegram-html.ts";
import { COMMANDS } from "../../src/dialogue/respond.ts";
import type { Incoming, Reply, ReplyKind } from "../../src/dialogue/types.ts";
import { STAGE_IDS, TOPIC_IDS } from "../../src/knowledge/schema.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";

// === Checks shared by every property

const KINDS: ReadonlySet<ReplyKind> = new Set(["answer", "clarify", "fallback", "out_of_scope", "menu", "notice"]);
// The only markup the renderer itself writes.
const OWN_TAG = /<\/?b>|<\/?i>|<a href="[^"<>]*">|<\/a>/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks that Telegram HTML is fully escaped, balanced, well-formed and short enough. */
function expectSafeHtml(html: string): void {
  expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  const text = html.replace(OWN_TAG, "");
  expect(text).not.toMatch(/[<>]/);
  expect(text.replace(/&(?:amp|lt|gt|quot);/g, "")).not.toContain("&");
  expect(html).not.toMatch(LONE_SURROGATE);
  // Telegram rejects the whole message when a tag is left open or closed out of order.
  const open: string[] = [];
  for (const [tag] of html.matchAll(OWN_TAG)) {
    const name = tag.startsWith("<a") || tag === "</a>" ? "a" : tag.replace(/[</>]/g, "");
    if (tag.startsWith("</")) expect(open.pop(), `closing ${tag} in ${html}`).toBe(name);
    else open.push(name);
  }
  expect(open, "tags left open").toEqual([]);
}

/** Checks a reply the way an adapter and Telegram would use it. */
function expectValidReply(reply: Reply): void {
  expect(KINDS.has(reply.kind)).toBe(true);
  expect(typeof reply.title).toBe("string");
  expect(reply.title.trim()).not.toBe("");
  expect(Number.isFinite(reply.confidence)).toBe(true);
  expect(reply.confidence).toBeGreaterThanOrEqual(0);
  expect(reply.confidence).toBeLessThanOrEqual(1);
  expect(reply.candidates.length).toBeLessThanOrEqual(3);
  for (const p of reply.points) expect(typeof p).toBe("string");
  for (const q of reply.quickReplies) {
    expect(q.label.trim()).not.toBe("");
    const data = encodeAction(q.action);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    // A button the bot shows must be one the bot understands when it is pressed.
    expect(decodeAction(data)).toEqual(q.action);
  }
  const message = renderTelegram(reply);
  expectSafeHtml(message.html);
  for (const row of message.keyboard) {
    for (const button of row) {
      expect(Buffer.byteLength(button.callback_data ?? "", "utf8")).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(button.text).not.toMatch(LONE_SURROGATE);
    }
  }
  expect(typeof renderPlainText(reply)).toBe("string");
}

let core: Core;
let fuzzed = 0;

/** Sends one message through the core and checks the invariants; counts it. */
function check(incoming: Incoming): void {
  fuzzed++;
  let reply: Reply | null;
  expect(() => {
    reply = core.respond(incoming);
  }).not.toThrow();
  if (incoming.chat === "group" && !incoming.addressed) {
    expect(reply!).toBeNull();
    return;
  }
  expect(reply!).not.toBeNull();
  expectValidReply(reply!);
}

// === Generators

const chars = (s: string) => [...s];
const fromCodes = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

const han = fromCodes(0x4e00, 0x9fa5);
const domainWord = fc.constantFrom(
  ..."花呗 借呗 逾期 催收 上门 起诉 征信 协商 还款 通讯录 家人 律师函 90天 3个月 2万 5000 hb jb 被爆通讯录 会坐牢吗".split(" "),
);
const emoji = fc.constantFrom(..."😀 🙏 😭 💸 ❤️ 👨‍👩‍👧 🇨🇳 🤬 ✅ 🔥 👍🏽 🧧".split(" "));
const invisible = fc.constantFrom(
  ...chars("\u200b\u200c\u200d\u2060\ufeff\u00ad\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0085\u009f\u202a\u202b\u202d\u202e\u2066\u2069\ufe0f"),
);
const whitespace = fc.constantFrom(...chars(" \t\n\r\u3000\u00a0\u2028\u2029\u1680\u2003\u202f\u205f"));
const loneSurrogate = fromCodes(0xd800, 0xdfff); // fromCodePoint leaves them unpaired
const rtl = fc.oneof(fromCodes(0x0590, 0x05ff), fromCodes(0x0600, 0x06ff), fc.constantFrom("\u200f", "\u202e", "\u061c"));
const otherScript = fc.oneof(
  fromCodes(0x0400, 0x04ff), // Cyrillic
  fromCodes(0x0900, 0x097f), // Devanagari
  fromCodes(0x3040, 0x30ff), // Kana
  fromCodes(0xac00, 0xd7a3), // Hangul
  fromCodes(0x0e00, 0x0e7f), // Thai
  fromCodes(0xff01, 0xff5e), // full-width ASCII
  fromCodes(0x20000, 0x2a6df), // CJK extension B (astral)
  fc.constantFrom(...chars("ſKÅﬁ①²Ⅻ㍿")), // characters that NFKC or case folding change
);
const punctuation = fc.constantFrom(...chars("!?.,;:…—·'\"()[]{}<>*_~`#@$%^&+=|\\/。，、；：？！“”‘’《》【】（）～￥—…"));
const injection = fc.constantFrom(
  "<b>",
  "</b>",
  "<i>x</i>",
  "<script>alert(1)</script>",
  '<a href="javascript:alert(1)">x</a>',
  "<img src=x onerror=alert(1)>",
  "&amp;",
  "&lt;",
  "&#60;",
  "&#x3c;",
  "&",
  "&&",
  "&quot;",
  "[x](y)",
  "[花呗](https://evil.example)",
  "**粗体**",
  "__x__",
  "`code`",
  "```\nblock\n```",
  "~~del~~",
  "||spoiler||",
  "\\",
  "<",
  ">",
  '"',
  "'",
  "<tg-spoiler>",
  "</a>",
);

const joined = (unit: fc.Arbitrary<string>, max = 40) => fc.array(unit, { maxLength: max }).map((a) => a.join(""));

const junkText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(""), weight: 1 },
  { arbitrary: joined(whitespace, 20), weight: 2 },
  { arbitrary: joined(fc.oneof(emoji, domainWord, han), 20), weight: 3 },
  { arbitrary: joined(fc.oneof(invisible, domainWord, whitespace)), weight: 3 },
  { arbitrary: joined(fc.oneof(loneSurrogate, domainWord, han, emoji)), weight: 3 },
  { arbitrary: joined(fc.oneof(rtl, domainWord, whitespace)), weight: 2 },
  { arbitrary: joined(fc.oneof(otherScript, han, domainWord, fc.string({ maxLength: 3 }))), weight: 3 },
  { arbitrary: joined(fc.oneof(injection, domainWord, han), 12), weight: 4 },
  { arbitrary: joined(punctuation), weight: 2 },
  { arbitrary: fc.stringMatching(/^[0-9]{1,40}$/), weight: 1 },
  { arbitrary: joined(fc.constantFrom(..."０１２３４５６７８９ .,-+%".split(""))), weight: 1 },
  { arbitrary: joined(han), weight: 4 },
  { arbitrary: joined(fc.oneof(han, domainWord), 15), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
);

// Commands: known ones in any case, unknown ones, with a bot name and junk after them.
const commandName = fc.oneof(
  fc.constantFrom(...COMMANDS),
  fc.constantFrom(...COMMANDS).map((c) => c.toUpperCase()),
  fc.stringMatching(/^[a-z_]{1,12}$/),
  fc.constantFrom("start_", "__proto__", "constructor", "toString", "ask_me", "quit"),
);
const command = fc
  .tuple(
    fc.constantFrom("/", "／", " /", "//"),
    commandName,
    fc.constantFrom("", "@OverdueHelperBot", "@x", "@"),
    fc.constantFrom("", " ", "  ", "\n", "\t", "\u3000", "\u200b"),
    junkText,
  )
  .map(([slash, name, bot, sep, junk]) => `${slash}${name}${bot}${sep}${junk}`);

let knownIds: string[] = [];
const callbackId = () =>
  fc.oneof(fc.constantFrom(...knownIds), fc.stringMatching(/^[a-z][a-z0-9_]{0,50}$/), fc.string({ maxLength: 10 }));
const callbackData = () =>
  fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom("v1", "v2", "v0", "V1", ""), fc.constantFrom(..."istmxI".split("")), callbackId()).map((p) => p.join(":")), weight: 4 },
    { arbitrary: fc.string({ maxLength: 70 }), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 70 }), weight: 2 },
    { arbitrary: junkText, weight: 1 },
    { arbitrary: fc.constantFrom("", "v1:", "v1:i:", "v1::", ":::", `v1:i:${"a".repeat(61)}`, "v1:m:main ", " v1:m:main"), weight: 1 },
  );

const groupIncoming = (text: fc.Arbitrary<string>) =>
  fc.record({
    text,
    chat: fc.constant("group" as const),
    addressed: fc.boolean(),
    language: fc.option(fc.constantFrom("zh-hans", "zh-TW", "en", "ar", ""), { nil: undefined }),
  });

const RUNS = {
  privateText: 4000,
  privateCommands: 1500,
  groupText: 2500,
  buttons: 3000,
  inline: 1000,
  long: 60,
};

// === Properties

beforeAll(() => {
  core = createCore(loadKnowledge({ dir: "intents" }));
  knownIds = [
    ...core.kb.intents.map((i) => i.id),
    ...core.kb.menus.map((m) => m.id),
    ...STAGE_IDS,
    ...TOPIC_IDS,
  ];
});

describe("respond() under generated junk", () => {
  it("answers every private message with a valid, escaped reply and never throws", () => {
    fc.assert(
      fc.property(junkText, (text) => check({ text, chat: "private", addressed: true })),
      { numRuns: RUNS.privateText },
    );
  }, 60_000);

  it("answers commands with junk arguments (/start <junk>, /ask junk, unknown commands)", () => {
    fc.assert(
      fc.property(command, (text) => check({ text, chat: "private", addressed: true })),
      { numRuns: RUNS.privateCommands },
    );
  }, 60_000);

  it("answers addressed group messages and is silent exactly on unaddressed ones", () => {
    fc.assert(fc.property(groupIncoming(fc.oneof(junkText, command)), (incoming) => check(incoming)), {
      numRuns: RUNS.groupText,
    });
  }, 60_000);

  it("answers every button press, whatever its callback data, in private chats and groups", () => {
    const press = fc.record({
      text: fc.constant(""),
      chat: fc.constantFrom("private" as const, "group" as const),
      addressed: fc.boolean(),
      data: callbackData(),
    });
    fc.assert(
      fc.property(press, (incoming) => check({ ...incoming, addressed: incoming.chat === "private" || incoming.addressed })),
      { numRuns: RUNS.buttons },
    );
  }, 60_000);

  it("answers messages for inline results and in any client language", () => {
    const incoming = fc.record({
      text: fc.oneof(junkText, command),
      chat: fc.constant("private" as const),
      addressed: fc.constant(true),
      surface: fc.constantFrom("chat" as const, "inline" as const, undefined),
      language: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    });
    fc.assert(fc.property(incoming, (i) => check(i)), { numRuns: RUNS.inline });
  }, 60_000);

  it("answers messages longer than Telegram's 4,096 characters", () => {
    const long = fc
      .tuple(junkText, fc.integer({ min: MAX_MESSAGE_CHARS + 1, max: 12_000 }), fc.constantFrom("private", "group"))
      .map(([fragment, n, chat]) => {
        const unit = fragment.length > 0 ? fragment : "花呗逾期";
        return { text: unit.repeat(Math.ceil(n / unit.length)).slice(0, n), chat, addressed: true } as Incoming;
      });
    fc.assert(
      fc.property(long, (incoming) => {
        expect(incoming.text.length).toBeGreaterThan(MAX_MESSAGE_CHARS);
        check(incoming);
      }),
      { numRuns: RUNS.long },
    );
  }, 60_000);
});

describe("respond() on known-hostile inputs", () => {
  it.each([
    "",
    " \t\r\n\u3000",
    "\u200b\u200d\ufeff",
    "\ud800",
    "\udfff花呗",
    "<script>alert(1)</script>花呗逾期会上门吗",
    '<a href="x">催收</a> &amp; &lt;b&gt;',
    "[x](javascript:alert(1))",
    "？？？！！！。。。",
    "0000000000",
    "/start <b>junk</b>",
    "/start@OverdueHelperBot",
    "/ask",
    "/ask 花呗逾期3个月会被起诉吗<i>",
    "/ASK\u200b",
    "/help me",
    "/unknown_command",
    "\u202e吗门上会期逾呗花",
    "花呗 overdue Просрочка مُتأخر 延滞",
    "逾期99999999999999999999天",
    "欠了1e308万",
  ])("answers %j", (text) => {
    check({ text, chat: "private", addressed: true });
    check({ text, chat: "group", addressed: true });
    check({ text, chat: "group", addressed: false });
  });
});

// === Regressions found by this file; each fails until the bug it pins is fixed

describe("regressions", () => {
  it("a button whose callback data names an Object.prototype key gets the menu-changed reply", () => {
    // Bug: respond.ts checks topics with `action.id in TOPIC_NAMES`, and `in` sees inherited
    // keys. decodeAction accepts `v1:t:constructor` (lower-case snake_case), so the reply's title
    // becomes the `Object` function and renderTelegram throws "text.replace is not a function".
    for (const data of ["v1:t:constructor", "v1:i:constructor", "v1:s:constructor", "v1:m:constructor"]) {
      const reply = core.respond({ text: "", data, chat: "private", addressed: true });
      expect(reply?.title, data).toBe(MESSAGES.menuChanged);
      check({ text: "", data, chat: "private", addressed: true });
    }
  });
});

describe("renderTelegram() on any reply", () => {
  // respond() never echoes user text today, so its replies are short; this property feeds the
  // renderer replies whose every field is junk (and sometimes very long), as content or a
  // future echo could make them.
  const text = fc.oneof(
    { arbitrary: junkText, weight: 4 },
    { arbitrary: fc.tuple(junkText, fc.integer({ min: 50, max: 1500 })).map(([t, n]) => (t || "<&>").repeat(n)), weight: 1 },
  );
  const nonEmpty = text.map((t) => (t.trim() ? t : `${t}x`));
  const action = fc.record({
    kind: fc.constantFrom("intent" as const, "stage" as const, "topic" as const, "menu" as const),
    id: fc.stringMatching(/^[a-z][a-z0-9_]{0,40}$/),
  });
  const reply: fc.Arbitrary<Reply> = fc.record({
    kind: fc.constantFrom(...KINDS),
    title: nonEmpty,
    stage: fc.option(fc.record({ id: fc.constantFrom(...STAGE_IDS), name: text }), { nil: undefined }),
    topic: fc.option(fc.record({ id: fc.constantFrom(...TOPIC_IDS), name: text }), { nil: undefined }),
    note: fc.option(text, { nil: undefined }),
    points: fc.array(text, { maxLength: 6 }),
    rights: fc.array(fc.record({ id: fc.string(), name: text, line: text }), { maxLength: 4 }),
    sources: fc.array(fc.record({ label: text, url: fc.option(fc.oneof(fc.webUrl(), text), { nil: undefined }) }), {
      maxLength: 4,
    }),
    quickReplies: fc.array(fc.record({ label: nonEmpty, action }), { maxLength: 6 }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    intent: fc.option(fc.string(), { nil: undefined }),
    candidates: fc.constant([]),
    disclaimer: fc.option(text, { nil: undefined }),
    facts: fc.constant({}),
  });

  it("escapes every field and stays within 4,096 characters", () => {
    fc.assert(
      fc.property(reply, (r) => {
        const { html } = renderTelegram(r);
        expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        const bare = html.replace(OWN_TAG, "");
        expect(bare).not.toMatch(/[<>]/);
        expect(bare.replace(/&(?:amp|lt|gt|quot);/g, "")).not.toContain("&");
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  // Bug: renderHtml (telegram-html.ts) cuts at 4,095 UTF-16 units and only drops a trailing
  // partial tag or entity. A cut inside <b>…</b>, <i>…</i> or <a>…</a> leaves the tag open, and
  // Telegram rejects the whole message (400 "can't parse entities"), so the user gets nothing;
  // a cut between the halves of an emoji leaves a lone surrogate, which is not valid UTF-8.
  // respond() cannot produce such long replies today (its longest HTML is under 1,000
  // characters), but any longer content or an echo of user text would.
  const plain = (fields: Partial<Reply>): Reply => ({
    kind: "notice",
    title: "x",
    points: [],
    rights: [],
    sources: [],
    quickReplies: [],
    confidence: 0,
    candidates: [],
    facts: {},
    ...fields,
  });

  it("leaves no tag open when it cuts a long reply", () => {
    const reply = plain({ rights: [{ id: "r", name: "<&>".repeat(1500), line: "" }] });
    expectSafeHtml(renderTelegram(reply).html);
  });

  it("never cuts an emoji in half when it shortens a long reply", () => {
    // "<b>x</b>\n\n" is 10 units, so the cut at 4,095 falls between two halves of an emoji.
    const reply = plain({ points: ["😀".repeat(3000)] });
    expectSafeHtml(renderTelegram(reply).html);
  });
});

afterAll(() => {
  // Reported so the README's reliability figures can quote it.
  console.info(`respond.property: ${fuzzed} messages fuzzed`);
});

describe("the fuzzing budget", () => {
  it("sends at least 10,000 generated messages through respond()", () => {
    const planned = Object.values(RUNS).reduce((a, b) => a + b, 0);
    expect(planned).toBeGreaterThanOrEqual(10_000);
    // Every property above has run by now (vitest runs a file's tests in order).
    expect(fuzzed).toBeGreaterThanOrEqual(10_000);
  });
});
