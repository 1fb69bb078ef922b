/**
 * How replies look in groups and inline mode: no personal details repeated, the private deep
 * link, no buttons inline. Replies are built by hand so the adapter's rules are tested apart from
 * the knowledge base's current wording.
 */
import { describe, expect, it } from "vitest";
import { composeInlineAnswer, MAX_INLINE_RESULTS } from "../../src/adapters/telegram/inline.ts";
import { presentReply, targetFor } from "../../src/adapters/telegram/present.ts";
import { decodeAction } from "../../src/dialogue/callback-data.ts";
import { MESSAGES } from "../../src/dialogue/messages.ts";
import type { Respond } from "../../src/dialogue/respond.ts";
import type { Incoming, Reply } from "../../src/dialogue/types.ts";

const me = { id: 4242, username: "overdue_test_bot" };
const NOTE = "你说已逾期约3个月：……";

function answer(intent: string, fields: Partial<Reply> = {}): Reply {
  return {
    kind: "answer",
    title: `问题 ${intent}`,
    stage: { id: "visit", name: "上门外访" },
    points: ["第一点 <不要> & 转义"],
    rights: [],
    sources: [{ label: "《来源》" }],
    quickReplies: [{ label: "返回主菜单", action: { kind: "menu", id: "main" } }],
    confidence: 0.9,
    intent,
    candidates: [],
    disclaimer: MESSAGES.disclaimer,
    facts: {},
    ...fields,
  };
}

describe("presentReply", () => {
  it("keeps the user's timeline note in a private chat", () => {
    expect(presentReply(answer("a", { note: NOTE }), "private", me).html).toContain(NOTE);
  });

  it("replaces it with the privacy hint in a group, and adds the private deep link", () => {
    const shown = presentReply(answer("suit_jail", { note: NOTE }), "group", me);
    expect(shown.html).not.toContain("逾期约3个月");
    expect(shown.plain).not.toContain("逾期约3个月");
    expect(shown.html).toContain(MESSAGES.groupPrivacyHint);
    expect(shown.keyboard?.inline_keyboard.at(-1)).toEqual([
      { text: MESSAGES.continuePrivately, url: "https://t.me/overdue_test_bot?start=suit_jail" },
    ]);
  });

  it("adds no privacy hint when the user said nothing about themselves", () => {
    expect(presentReply(answer("a"), "group", me).html).not.toContain(MESSAGES.groupPrivacyHint);
  });

  it("drops the note and every button inline, and escapes HTML", () => {
    const shown = presentReply(answer("a", { note: NOTE }), "inline", me);
    expect(shown.keyboard).toBeUndefined();
    expect(shown.html).not.toContain("逾期约3个月");
    expect(shown.html).toContain("&lt;不要&gt; &amp; 转义");
  });

  it("keeps the line about the other questions where their buttons are, and drops it inline", () => {
    const several = answer("a", { otherQuestions: MESSAGES.otherQuestions });
    expect(presentReply(several, "private", me).html).toContain(MESSAGES.otherQuestions);
    expect(presentReply(several, "group", me).plain).toContain(MESSAGES.otherQuestions);
    expect(presentReply(several, "inline", me).html).not.toContain(MESSAGES.otherQuestions);
  });

  it("offers no deep link for replies without an intent (menus)", () => {
    const menu = answer("x", { kind: "menu", intent: undefined });
    const urls = presentReply(menu, "group", me).keyboard!.inline_keyboard.flat().filter((b) => "url" in b);
    expect(urls).toEqual([]);
  });

  it("keeps the plain-text fallback within Telegram's 4,096 characters", () => {
    const long = answer("a", { points: Array.from({ length: 200 }, () => "很长的一段话。".repeat(10)) });
    expect(presentReply(long, "private", me).plain.length).toBeLessThanOrEqual(4096);
    expect(presentReply(long, "private", me).html.length).toBeLessThanOrEqual(4096);
  });

  it("threads group answers to the asker's message and forum topic", () => {
    const message = { message_id: 5, date: 1, chat: { id: -9, type: "supergroup" as const }, is_topic_message: true, message_thread_id: 3 };
    expect(targetFor(message)).toEqual({ chat_id: -9, message_thread_id: 3, reply_parameters: { message_id: 5, allow_sending_without_reply: true } });
    expect(targetFor({ ...message, chat: { id: 9, type: "private" } })).toEqual({ chat_id: 9 });
  });
});

describe("composeInlineAnswer", () => {
  const from = { id: 7, is_bot: false, first_name: "u" };
  const seen: Incoming[] = [];
  /** A core that answers free text with `best` and button codes with that intent's answer. */
  const stubRespond = (best: Reply): Respond => (incoming) => {
    seen.push(incoming);
    if (incoming.data === undefined) return best;
    const action = decodeAction(incoming.data);
    return action?.kind === "intent" ? answer(action.id, { note: NOTE }) : null;
  };
  const candidates = (...ids: string[]) => ids.map((intent) => ({ intent, topic: "home_visit", confidence: 0.5 }));

  it("puts the best answer first, then other close questions, at most three, no duplicates", () => {
    const best = answer("a", { candidates: candidates("a", "b", "c", "d") });
    const result = composeInlineAnswer({ id: "q", from, query: "问题" }, stubRespond(best), me);
    expect(result.results.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(result.results).toHaveLength(MAX_INLINE_RESULTS);
    expect(result.button).toBeUndefined();
  });

  it("offers the answers to the other questions asked before the close candidates", () => {
    const best = answer("a", { otherIntents: ["e"], candidates: candidates("a", "b", "e", "c") });
    const result = composeInlineAnswer({ id: "q", from, query: "问题一？问题二？" }, stubRespond(best), me);
    expect(result.results.map((r) => r.id)).toEqual(["a", "e", "b"]);
  });

  it("asks the core with surface 'inline', and composes candidates through their v1:i: codes", () => {
    seen.length = 0;
    const best = answer("x", { kind: "clarify", intent: undefined, candidates: candidates("b", "c") });
    const result = composeInlineAnswer({ id: "q", from, query: "上门" }, stubRespond(best), me);
    expect(result.results.map((r) => r.id)).toEqual(["b", "c"]);
    expect(seen.every((i) => i.surface === "inline")).toBe(true);
    expect(seen.slice(1).map((i) => i.data)).toEqual(["v1:i:b", "v1:i:c"]);
    for (const r of result.results) {
      expect(r.input_message_content).toMatchObject({ parse_mode: "HTML" });
      expect(r.input_message_content.message_text).not.toContain("逾期约3个月");
      expect(r).not.toHaveProperty("reply_markup");
    }
  });

  it("offers no articles for a fallback, only the button into the private chat", () => {
    const best = answer("x", { kind: "out_of_scope", intent: undefined, candidates: candidates("b") });
    const result = composeInlineAnswer({ id: "q", from, query: "今天天气怎么样" }, stubRespond(best), me);
    expect(result.results).toEqual([]);
    expect(result.button).toEqual({ text: MESSAGES.inlineNoMatch, start_parameter: "inline" });
  });
});
