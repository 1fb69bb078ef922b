import { describe, expect, it } from "vitest";
import { createConceptTagger } from "../../src/matching/concepts.ts";
import { weightedTokens } from "../../src/matching/tokenise.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, matcher } = shippedCore();

describe("concepts", () => {
  const tag = createConceptTagger(
    [
      { concept: "work", words: ["单位", "领导"] },
      { concept: "police", words: ["报警", "１１０"] },
    ],
    (word) => matcher.normaliser.normalise(word),
    1,
  );

  it("adds the concept of every listed word a text uses, whatever script or width the list is in", () => {
    const tokens = tag("催收说要找我领导 我要打110报警", weightedTokens("催收说要找我领导 我要打110报警", 0.8));
    expect(tokens.get("§work")).toBe(1);
    expect(tokens.get("§police")).toBe(1);
    expect(tokens.get("领导")).toBe(1); // the words themselves stay
  });

  it("adds nothing to a text that uses none of the words, and nothing at weight 0", () => {
    expect([...tag("花呗逾期一天", weightedTokens("花呗逾期一天", 0.8)).keys()].some((t) => t.startsWith("§"))).toBe(false);
    const off = createConceptTagger([{ concept: "work", words: ["单位", "领导"] }], (w) => w, 0);
    expect(off("领导", new Map()).size).toBe(0);
  });

  it("ships concepts in the lexicon, each word in one concept", () => {
    expect(kb.concepts.length).toBeGreaterThan(5);
    const words = kb.concepts.flatMap((c) => c.words);
    expect(new Set(words).size).toBe(words.length);
  });
});
