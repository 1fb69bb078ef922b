/**
 * The matcher's prepared texts kept in the start-up cache (src/matching/prepared.ts): a core built
 * from them answers exactly as one built from scratch, a second start prepares nothing anew, a
 * changed phrasing is prepared and saved, and a file that is not for this lexicon, or not a
 * prepared-texts file at all, is never used.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildCore } from "../../src/core.ts";
import { createMatcher } from "../../src/matching/matcher.ts";
import { emptyPrepared, preparedKey, readPrepared, writePrepared } from "../../src/matching/prepared.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb } = shippedCore();
const QUESTIONS = ["hb逾期了会有人上门吗", "催收爆我通讯录怎么办", "借呗欠三个月会被起诉吗", "花唄逾期兩天會上征信嗎", "晚上10点以后催收还能打电话吗", "怎么开通花呗"];
const ranking = (core: { matcher: { match(q: string): { candidates: Array<{ intent: { id: string }; score: number }> } } }) =>
  QUESTIONS.map((q) => core.matcher.match(q).candidates.map((c) => `${c.intent.id} ${c.score.toFixed(6)}`));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "prepared-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("prepared texts in the start-up cache", () => {
  it("gives a core that ranks exactly as one built from scratch, and a second start prepares nothing", () => {
    const scratch = ranking(shippedCore());
    const first = buildCore(kb, dir);
    expect(readdirSync(dir).filter((n) => n.startsWith("prepared-"))).toHaveLength(1);
    expect(ranking(first)).toEqual(scratch);

    const saved = readPrepared(dir, preparedKey(kb));
    // Every phrasing, question and out-of-scope example is there, normalised and segmented.
    expect(saved.saved.normalised.size).toBeGreaterThan(kb.intents.length * 12);
    expect(saved.saved.words.size).toBeGreaterThan(kb.intents.length * 12);
    const again = createMatcher(kb, {}, saved);
    expect(saved.changed).toBe(false);
    expect(ranking({ matcher: again })).toEqual(scratch);
  });

  it("is read, not recomputed: a poisoned entry shows up in what the matcher indexes", () => {
    buildCore(kb, dir);
    const key = preparedKey(kb);
    const saved = readPrepared(dir, key);
    const phrasing = kb.intents[0]!.phrasings[0]!;
    (saved.saved.normalised as Map<string, string>).set(phrasing, "完全无关的缓存文本");
    const poisoned = createMatcher(kb, {}, saved);
    expect(poisoned.match("完全无关的缓存文本").candidates[0]!.intent.id).toBe(kb.intents[0]!.id);
  });

  it("prepares a new or changed phrasing and saves it, dropping texts the knowledge base no longer has", () => {
    buildCore(kb, dir);
    const key = preparedKey(kb);
    const edited = { ...kb, intents: kb.intents.map((it, i) => (i === 0 ? { ...it, phrasings: ["一条刚加的新说法 逾期了怎么办", ...it.phrasings.slice(1)] } : it)) };
    expect(preparedKey(edited)).toBe(key); // phrasings are not in the key: each entry stands alone
    const prepared = readPrepared(dir, key);
    createMatcher(edited, {}, prepared);
    expect(prepared.changed).toBe(true);
    writePrepared(dir, key, prepared);
    const saved = readPrepared(dir, key).saved;
    expect(saved.normalised.has("一条刚加的新说法 逾期了怎么办")).toBe(true);
    expect(saved.normalised.has(kb.intents[0]!.phrasings[0]!)).toBe(false);
  });

  it("never uses a file made for another lexicon, or one that is not a prepared-texts file", () => {
    const key = preparedKey(kb);
    const otherLexicon = { ...kb, lexicon: kb.lexicon.slice(1) };
    expect(preparedKey(otherLexicon)).not.toBe(key);

    writeFileSync(join(dir, `prepared-${key}.json`), "{ not json");
    expect(readPrepared(dir, key).saved.normalised.size).toBe(0);
    writeFileSync(join(dir, `prepared-${key}.json`), JSON.stringify({ format: "something-else/1", key, normalised: [["a", "b"]], words: [] }));
    expect(readPrepared(dir, key).saved.normalised.size).toBe(0);
    // A broken file costs nothing but the time: the core is built and the file written again.
    expect(ranking(buildCore(kb, dir))).toEqual(ranking(shippedCore()));
    expect(readPrepared(dir, key).saved.normalised.size).toBeGreaterThan(0);
  });

  it("starts without complaint when the cache folder cannot be written", () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "");
    const prepared = emptyPrepared();
    createMatcher(kb, {}, prepared);
    expect(() => writePrepared(join(file, "cache"), preparedKey(kb), prepared)).not.toThrow();
  });
});
