import { describe, expect, it } from "vitest";
import { decide, DEFAULT_THRESHOLDS } from "../../src/matching/decide.ts";
import type { MatchResult } from "../../src/matching/matcher.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, matcher } = shippedCore();
const [a, b, c] = [kb.intents[0]!, kb.intents.find((i) => i.topic !== kb.intents[0]!.topic)!, kb.intents[2]!];

/** A match result with the given scores, for the policy alone. */
const result = (scores: number[], extra: Partial<MatchResult> = {}): MatchResult => ({
  text: "这是一个比较长的普通问题",
  facts: {},
  candidates: [a, b, c].slice(0, scores.length).map((intent, i) => ({ intent, score: scores[i]! })),
  outOfScope: 0.1,
  inDomain: true,
  smallTalk: false,
  otherProduct: false,
  ...extra,
});

describe("the decision policy", () => {
  const { answer, clarify, margin } = DEFAULT_THRESHOLDS;

  it("answers an urgent intent (the user's safety) at a low bar when it leads clearly, whatever else", () => {
    const { urgentAnswer, urgentLead } = DEFAULT_THRESHOLDS;
    const urgent = kb.intents.find((i) => i.urgent)!;
    const with1st = (scores: number[], extra: Partial<MatchResult> = {}): MatchResult => {
      const r = result(scores, extra);
      r.candidates[0] = { intent: urgent, score: scores[0]! };
      return r;
    };
    const low = [urgentAnswer + 0.01, urgentAnswer + 0.01 - urgentLead - 0.005];
    expect(urgentAnswer).toBeLessThan(DEFAULT_THRESHOLDS.inDomainAnswer);
    // Below every ordinary bar, with no domain word, an ordinary example close, another lender.
    for (const extra of [{}, { inDomain: false }, { outOfScope: 0.4 }, { otherProduct: true }]) {
      expect(decide(with1st(low, extra)).kind, JSON.stringify(extra)).toBe("answer");
    }
    // Not when another intent is close: that is a question about debt, not a cry for help.
    expect(decide(with1st([0.33, 0.31])).kind).not.toBe("answer");
    // An ordinary intent at the same scores is not answered.
    expect(decide(result(low)).kind).not.toBe("answer");
    // Through the real matcher.
    for (const q of ["我好想自杀", "真的撑不下去了", "活不下去了"]) {
      const d = decide(matcher.match(q));
      expect(d.kind === "answer" && d.candidate.intent.id, q).toBe(urgent.id);
    }
    const d = decide(matcher.match("我是真的还不上"));
    expect(d.kind === "answer" && d.candidate.intent.urgent).toBe(false);
  });

  it("answers a clear, confident match whether or not it names the domain", () => {
    for (const inDomain of [true, false]) {
      expect(decide(result([answer + 0.1, answer + 0.1 - margin - 0.01], { inDomain })).kind).toBe("answer");
    }
  });

  it("answers a question that names the domain at a lower bar than one that does not", () => {
    const { inDomainAnswer, inDomainMargin } = DEFAULT_THRESHOLDS;
    const scores = [inDomainAnswer + 0.01, inDomainAnswer + 0.01 - inDomainMargin - 0.005];
    expect(inDomainAnswer + 0.01).toBeLessThan(answer);
    expect(decide(result(scores, { inDomain: true })).kind).toBe("answer");
    expect(decide(result(scores, { inDomain: false })).kind).not.toBe("answer");
    expect(decide(result([inDomainAnswer - 0.01], { inDomain: true })).kind).toBe("clarify");
  });

  it("asks 'did you mean' when an in-domain question is a middling or close match", () => {
    const { inDomainAnswer } = DEFAULT_THRESHOLDS;
    expect(decide(result([(inDomainAnswer + clarify) / 2, clarify])).kind).toBe("clarify");
    expect(decide(result([answer + 0.1, answer + 0.09])).kind).toBe("clarify");
  });

  it("declines, rather than offering collection buttons, a question that names nothing of the domain and is no clear match", () => {
    const { outOfDomainClarify, outOfDomainClarifyLead } = DEFAULT_THRESHOLDS;
    // An ordinary example not far behind: declined.
    const middling = (answer + clarify) / 2;
    expect(decide(result([middling, clarify], { inDomain: false, outOfScope: middling - outOfDomainClarifyLead + 0.01 })).kind).toBe("out_of_scope");
    expect(decide(result([answer + 0.1, answer + 0.09], { inDomain: false, outOfScope: answer - 0.04 })).kind).toBe("out_of_scope");
    // Too weak a match to ask about, however far the ordinary examples.
    expect(decide(result([outOfDomainClarify - 0.01], { inDomain: false, outOfScope: 0 })).kind).toBe("out_of_scope");
  });

  it("asks 'did you mean' about a question with no domain word that is clearly nearer an intent than any ordinary example", () => {
    const { outOfDomainClarify, outOfDomainClarifyLead } = DEFAULT_THRESHOLDS;
    const top = outOfDomainClarify + 0.02;
    expect(decide(result([top, clarify], { inDomain: false, outOfScope: top - outOfDomainClarifyLead - 0.01 })).kind).toBe("clarify");
    // Users who have been talking about collectors call them 他们, and name no domain word.
    for (const q of ["他们说明天来核实地址", "一天打十几个电话合法吗"]) {
      const kind = decide(matcher.match(q)).kind;
      expect(["answer", "clarify"], q).toContain(kind);
    }
  });

  it("gives a message too short to judge the tips and the menu rather than a refusal", () => {
    const top = (answer + clarify) / 2;
    const outOfScope = top - 0.1;
    expect(decide(result([top], { inDomain: false, text: "能帮我吗", outOfScope })).kind).toBe("fallback");
    expect(decide(result([top], { inDomain: false, text: "花呗怎么提升额度", outOfScope })).kind).toBe("out_of_scope");
  });

  it("declines an in-domain question only when an out-of-scope example leads clearly", () => {
    const top = (DEFAULT_THRESHOLDS.inDomainAnswer + clarify) / 2;
    expect(decide(result([top], { outOfScope: top + DEFAULT_THRESHOLDS.inDomainLead })).kind).toBe("out_of_scope");
    expect(decide(result([top], { outOfScope: top + DEFAULT_THRESHOLDS.inDomainLead - 0.01 })).kind).toBe("clarify");
  });

  it("declines another lender's product, however well it matches, and keeps questions that also name ours", () => {
    expect(decide(result([answer + 0.2], { otherProduct: true })).kind).toBe("out_of_scope");
    for (const q of ["京东白条逾期三个月会被起诉吗", "信用卡逾期了催收打给我妈", "美团月付晚还两天有事吗"]) {
      expect(matcher.match(q).otherProduct, q).toBe(true);
      expect(decide(matcher.match(q)).kind, q).toBe("out_of_scope");
    }
    expect(matcher.match("信用卡逾期会影响征信吗").otherProduct).toBe(true);
    // A card the user applies for is a consequence of the record, not another lender's product.
    for (const q of ["花呗和信用卡都逾期了先还哪个", "借呗逾期了会影响我办信用卡吗", "逾期记录会影响办信用卡吗", "逾期了还能申请信用卡吗", "还清后多久能办房贷"]) {
      expect(matcher.match(q).otherProduct, q).toBe(false);
    }
  });

  it("recognises the domain in how people describe their situation, not only in 逾期 and 催收", () => {
    for (const q of ["借呗推迟几天还有什么影响", "钱已经还了为什么还一直打电话给我", "还清后多久能申请房贷", "有人冒充客服要验证码", "负债太多不知道怎么安排还款", "救命", "好怕 他们说要来找我", "家里人知道了怎么办", "接到诉前调解的电话", "报警了警察说不管", "不想活了", "被强制执行了怎么办", "这期想晚几天再还", "真的没钱了怎么办", "转委外以后谁打电话", "说是受支付宝委托的", "我不是借款人为啥找我", "12378打了半个月没人回", "限高了能坐高铁吗", "拆东墙补西墙撑不住了", "能申请个性化分期吗", "这个月钱不够怎么办", "说是蚂蚁法务部的", "借呗诉讼费是谁出", "几笔欠款还款顺序怎么排", "还清借呗后一直用不了", "代还借呗的中介靠谱吗", "自称律所的打来电话", "短信说已转交贷后部门", "会去我户籍地吗", "他们说要通知我所有联系人", "怎么让他们别打了", "收入少怎么做还款规划", "能只还本金吗", "手机快被打爆了", "先还网贷还是先还借呗", "对方发二维码让我还钱", "结情以后借呗能用吗", "会有人去户藉地找我吗"]) {
      expect(matcher.match(q).inDomain, q).toBe(true);
    }
    for (const q of ["花呗怎么提升额度", "借呗提前还清有手续费吗", "花呗买东西怎么查快递", "芝麻分怎么快速提高"]) {
      expect(matcher.match(q).inDomain, q).toBe(false);
    }
  });

  it("declines a question that names nothing of the domain when an ordinary example comes close to the top intent", () => {
    const top = answer + 0.15;
    const near = { outOfScope: top + DEFAULT_THRESHOLDS.outOfScopeLead + 0.01 };
    const far = { outOfScope: top + DEFAULT_THRESHOLDS.outOfScopeLead - 0.01 };
    expect(DEFAULT_THRESHOLDS.outOfScopeLead).toBeLessThan(0);
    expect(decide(result([top], { inDomain: false, ...near })).kind).toBe("out_of_scope");
    expect(decide(result([top], { inDomain: false, ...far })).kind).toBe("answer");
    // Naming the domain, the same closeness is not enough to decline.
    expect(decide(result([top], { inDomain: true, ...near })).kind).toBe("answer");
    // A message too short to judge is declined only when an ordinary example beats the intent.
    expect(decide(result([(answer + clarify) / 2], { inDomain: false, text: "能帮我吗", outOfScope: (answer + clarify) / 2 - 0.05 })).kind).toBe("fallback");
  });

  it("declines an ordinary question that shares words with an intent unless it is a strong match", () => {
    // "芝麻分怎么快速提高" resembles credit_zhima_drop (a score fallen after an overdue) at about
    // 0.4: enough to answer a question that names the domain, not one that names nothing of it.
    const ordinary = matcher.match("芝麻分怎么快速提高");
    expect(ordinary.inDomain).toBe(false);
    expect(ordinary.candidates[0]!.score).toBeGreaterThan(DEFAULT_THRESHOLDS.inDomainAnswer);
    expect(decide(ordinary).kind).toBe("out_of_scope");
  });
});
