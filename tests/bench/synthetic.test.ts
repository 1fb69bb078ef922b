/**
 * The bench's made-up texts: the warm-up every timed loop starts with must reach words the
 * knowledge base lacks (else the matcher's paths for them are still cold when timing starts and
 * the first timed questions pay for compiling them), and stay the same from run to run.
 */
import { describe, expect, it } from "vitest";
import { realPhrasings, scrambledTexts, SCRAMBLED_EVERY, splice, warmUpTexts } from "../../bench/lib/synthetic.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { words } from "../../src/matching/tokenise.ts";

const sortedChars = (text: string) => Array.from(text).sort().join("");

describe("bench texts", () => {
  it("splices the first half of one text onto the second half of another, by characters", () => {
    expect(splice("借呗逾期三天", "花呗会不会上征信")).toBe("借呗逾会上征信");
    expect(splice("𠮷𠮷ab", "xy")).toBe("𠮷𠮷y");
  });

  it("scrambles a text's characters, the same way for the same seed", () => {
    const pool = ["花呗逾期了会有人上门吗", "借呗欠三个月会被起诉吗"];
    const texts = scrambledTexts(pool, 20, 1);
    expect(scrambledTexts(pool, 20, 1)).toEqual(texts);
    expect(scrambledTexts(pool, 20, 2)).not.toEqual(texts);
    for (const text of texts) expect(pool.map(sortedChars)).toContain(sortedChars(text));
    expect(texts.filter((text) => !pool.includes(text)).length).toBeGreaterThan(15);
  });

  it("warms up with spliced phrasings and every fourth text scrambled, bringing words the phrasings lack", () => {
    const pool = realPhrasings(loadKnowledge({ dir: "intents" }));
    const known = new Set(pool.flatMap((text) => words(text)));
    const texts = warmUpTexts(pool, 400, 5);
    expect(texts).toHaveLength(400);
    expect(warmUpTexts(pool, 400, 5)).toEqual(texts);
    const newWords = (text: string) => words(text).filter((word) => !known.has(word)).length;
    const scrambled = texts.filter((_, i) => (i + 1) % SCRAMBLED_EVERY === 0);
    const spliced = texts.filter((_, i) => (i + 1) % SCRAMBLED_EVERY !== 0);
    expect(scrambled).toHaveLength(100);
    const share = (list: string[]) => list.filter((text) => newWords(text) > 0).length / list.length;
    // Scrambled texts bring new words far more often than spliced ones.
    expect(share(scrambled)).toBeGreaterThan(0.8);
    expect(share(scrambled)).toBeGreaterThan(2 * share(spliced));
  });
});
