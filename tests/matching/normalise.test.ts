import { describe, expect, it } from "vitest";
import { createNormaliser, extractFacts, parseChineseNumber } from "../../src/matching/normalise/index.ts";
import { shippedCore } from "../support/shipped.ts";

const { normalise, analyse } = shippedCore().matcher.normaliser;

describe("normalisation", () => {
  it("folds Traditional characters, width, case and punctuation to the same text", () => {
    expect(normalise("借唄逾期會被起訴嗎？")).toBe(normalise("借呗逾期会被起诉吗"));
    expect(normalise("ＨＢ逾期！！")).toBe("花呗逾期");
  });

  it("keeps the Simplified particle 么 (OpenCC's Taiwan dictionary would turn it into 幺)", () => {
    expect(normalise("影响信用么")).toBe("影响信用么");
  });

  it("rewrites slang and typos from the lexicon, ASCII only as whole words", () => {
    expect(normalise("hb逾期了")).toBe("花呗逾期了");
    expect(normalise("花被 借被 zfb")).toBe("花呗 借呗 支付宝");
    expect(normalise("github")).toBe("github");
  });

  it("drops emoji, zero-width and control characters and squeezes repeats", () => {
    expect(normalise("好怕啊啊啊😭\u200b\u0007")).toBe("好怕啊");
    expect(normalise("🙂🙂")).toBe("");
  });

  it("turns Chinese numerals before units into digits and masks into #", () => {
    expect(normalise("逾期三个月 欠了两万")).toBe("逾期3个月 欠了2万");
    expect(normalise("逾期***天")).toBe("逾期#天");
    expect(normalise("一直没还")).toBe("一直没还");
    expect(parseChineseNumber("两千五")).toBe(2500);
    expect(parseChineseNumber("十五")).toBe(15);
  });

  it("extracts how long a user is overdue and how much they owe", () => {
    expect(analyse("借呗欠了三个月了，2万块").facts).toEqual({ overdueDays: 90, amountYuan: 20000 });
    expect(analyse("花呗逾期90天").facts.overdueDays).toBe(90);
    expect(analyse("逾期半年了 欠5000").facts).toEqual({ overdueDays: 183, amountYuan: 5000 });
    expect(extractFacts("每月5号还款")).toEqual({});
  });

  it("is a pure function of the lexicon", () => {
    const plain = createNormaliser([]);
    expect(plain.normalise("hb逾期")).toBe("hb逾期");
  });
});
