import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { createWordSearchers, FUSE_OPTIONS, searchWords, type PhrasingDoc, type TokenSearcher } from "../../src/matching/fuse-options.ts";
import { withWords, words } from "../../src/matching/tokenise.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, matcher } = shippedCore();

// The shipped phrasings, normalised as the matcher indexes them.
const docs: PhrasingDoc[] = kb.intents.flatMap((intent, cls) => intent.phrasings.map((p) => ({ text: matcher.normaliser.normalise(p), cls })));
const fuse = new Fuse(docs, FUSE_OPTIONS, Fuse.createIndex(FUSE_OPTIONS.keys ?? [], docs));

/** fuse.js's searcher for a question, built as the matcher builds it (its words of two or more characters). */
function searcherFor(question: string): TokenSearcher {
  const long = words(matcher.normaliser.normalise(question)).filter((w) => w.length >= 2);
  const query = long.join(" ");
  return withWords(query, long, () => fuse._getSearcher(query) as TokenSearcher);
}

/** Changes one character in the middle of a text: the typos bitap is there for. */
const typo = (text: string) => {
  const at = Math.floor(text.length / 2);
  return text.slice(0, at) + (text[at] === "的" ? "地" : "的") + text.slice(at + 1);
};

describe("searchWords", () => {
  it("gives exactly what fuse.js's own token search gives, for verbatim words, typos and misses", () => {
    const questions = kb.intents.flatMap((intent) => [intent.question, typo(intent.question), typo(intent.phrasings[3]!), "催收电话打到单位怎么办呀"]);
    let compared = 0;
    let fuzzy = 0;
    let withWordSearchers = 0;
    for (const [q, question] of questions.entries()) {
      const searcher = searcherFor(question);
      // fuse.js 7's token search has one searcher per word (none when no word has two characters).
      if (searcher.termSearchers?.length) withWordSearchers++;
      // Every 7th phrasing from a different start each time: about 480 texts a question.
      for (let d = q % 7; d < docs.length; d += 7) {
        const text = docs[d]!.text;
        const expected = searcher.searchIn(text);
        const got = searchWords(searcher, text);
        if (got.isMatch !== expected.isMatch || got.score !== expected.score) {
          expect({ question, text, got }).toEqual({ question, text, got: { isMatch: expected.isMatch, score: expected.score } });
        }
        if (got.isMatch && got.score > 0.001 && got.score < 1) fuzzy++;
        compared++;
      }
    }
    expect(withWordSearchers).toBeGreaterThan(0.9 * questions.length);
    expect(compared).toBeGreaterThan(100_000);
    expect(fuzzy, "partial and fuzzy matches were among the comparisons").toBeGreaterThan(1_000);
  });

  it("scores a text equal to the only word, and a text with none of the words", () => {
    const searcher = searcherFor("通讯录");
    expect(searchWords(searcher, "通讯录")).toEqual(searcher.searchIn("通讯录"));
    expect(searchWords(searcher, "今天天气不错")).toEqual({ isMatch: false, score: 1 });
  });

  it("falls back to fuse.js's searchIn for a searcher of another shape", () => {
    const other: TokenSearcher = { searchIn: () => ({ isMatch: true, score: 0.42 }) };
    expect(searchWords(other, "任何文字")).toEqual({ isMatch: true, score: 0.42 });
  });
});

describe("createWordSearchers", () => {
  const questionWords = (question: string) => words(matcher.normaliser.normalise(question)).filter((w) => w.length >= 2);
  const questions = kb.intents.flatMap((intent) => [intent.question, typo(intent.phrasings[1]!), `${intent.phrasings[2]!} ${intent.phrasings[2]!}`]);

  it("assembles the searcher fuse.js builds for the whole question, from searchers kept per word", () => {
    // A small capacity, so the cache also starts again many times on the way.
    for (const capacity of [20_000, 3]) {
      const searcherOf = createWordSearchers(fuse, capacity);
      let terms = 0;
      for (const [q, question] of questions.entries()) {
        const list = questionWords(question);
        const expected = searcherFor(question);
        const got = searcherOf(list);
        expect(got.termSearchers?.map((t) => t.pattern)).toEqual(expected.termSearchers?.map((t) => t.pattern));
        expect(got.idfWeights).toEqual(expected.idfWeights);
        terms += list.length;
        for (let d = q % 53; d < docs.length; d += 53) {
          const text = docs[d]!.text;
          expect(searchWords(got, text)).toEqual(searchWords(expected, text));
          expect(got.searchIn(text)).toEqual(expected.searchIn(text));
        }
      }
      // Repeated words (the doubled phrasings) are kept as fuse.js keeps them: once per occurrence.
      // (Capacity 3 is below some questions' count of new words: the cache starts again each time.)
      expect(terms).toBeGreaterThan(3 * questions.length);
    }
  });

  it("hands back fuse.js's own searcher for the whole question when a word's searcher has another shape", () => {
    const other: TokenSearcher = { searchIn: () => ({ isMatch: true, score: 0.42 }) };
    const queries: string[] = [];
    const stub = { _getSearcher: (query: string) => (queries.push(query), other) } as unknown as typeof fuse;
    const searcher = createWordSearchers(stub)(["催收", "通讯录"]);
    expect(searchWords(searcher, "任何文字")).toEqual({ isMatch: true, score: 0.42 });
    // The new words are asked for together, then the whole question, as fuse.js would build it.
    expect(queries).toEqual(["催收 通讯录", "催收 通讯录"]);
  });
});
