import { describe, expect, it } from "vitest";
import { decide } from "../../src/matching/decide.ts";
import { createMatcher, diversify } from "../../src/matching/matcher.ts";
import type { Intent } from "../../src/knowledge/types.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, matcher } = shippedCore();

describe("the matcher", () => {
  it("ranks every intent first for its own canonical question", () => {
    const misses = kb.intents.filter((it) => matcher.match(it.question).candidates[0]?.intent.id !== it.id).map((it) => it.id);
    expect(misses).toEqual([]);
  });

  it("ranks each intent first for at least 97% of its own phrasings, and in the top 3 for all but a few", () => {
    let total = 0, first = 0, top3 = 0;
    for (const it of kb.intents) {
      for (const p of it.phrasings) {
        const ids = matcher.match(p).candidates.map((c) => c.intent.id);
        total++;
        if (ids[0] === it.id) first++;
        if (ids.slice(0, 3).includes(it.id)) top3++;
      }
    }
    expect(first / total).toBeGreaterThanOrEqual(0.97);
    expect(top3 / total).toBeGreaterThanOrEqual(0.995);
  });

  it("gives similarities in [0, 1], best first", () => {
    const { candidates } = matcher.match("花呗逾期了会有人上门催收吗");
    expect(candidates.length).toBeGreaterThan(1);
    for (const c of candidates) expect(c.score).toBeGreaterThanOrEqual(0), expect(c.score).toBeLessThanOrEqual(1);
    const best = Math.max(...candidates.map((c) => c.score));
    expect(candidates[0]!.score).toBe(best);
    // After the three "did you mean" shows, the rest stay in order of similarity.
    const rest = candidates.slice(3);
    expect([...rest].sort((a, b) => b.score - a.score)).toEqual(rest);
  });

  it("offers different readings in its first three when another topic is close behind", () => {
    const intent = (id: string, topic: string) => ({ ...kb.intents[0]!, id, topic }) as Intent;
    const make = (...specs: Array<[string, string, number]>) => specs.map(([id, topic, score]) => ({ intent: intent(id, topic), score }));
    const list = make(["a1", "a", 0.5], ["a2", "a", 0.45], ["a3", "a", 0.44], ["b1", "b", 0.42], ["c1", "c", 0.41]);
    diversify(list, 0.05);
    expect(list.map((c) => c.intent.id)).toEqual(["a1", "b1", "c1", "a2", "a3"]);
    // Too far behind: a same-topic intent keeps its place.
    const far = make(["a1", "a", 0.5], ["a2", "a", 0.45], ["b1", "b", 0.3]);
    diversify(far, 0.05);
    expect(far.map((c) => c.intent.id)).toEqual(["a1", "a2", "b1"]);
    // Off: nothing moves.
    const off = make(["a1", "a", 0.5], ["a2", "a", 0.45], ["b1", "b", 0.44]);
    diversify(off, 0);
    expect(off.map((c) => c.intent.id)).toEqual(["a1", "a2", "b1"]);
  });

  it("understands slang, typos and Traditional characters", () => {
    expect(matcher.match("hb逾期了会有人上门吗").candidates[0]!.intent.topic).toBe("home_visit");
    expect(matcher.match("催收爆我通讯录怎么办").candidates[0]!.intent.topic).toBe("third_party_contacts");
    expect(matcher.match("借唄欠三個月會被起訴嗎").candidates[0]!.intent.topic).toBe("lawsuit");
  });

  it("answers about the product the question names, 花呗 or 借呗", () => {
    expect(matcher.match("花呗逾期会不会上征信").candidates[0]!.intent.id).toBe("credit_huabei_reported");
    expect(matcher.match("借呗逾期会不会上征信").candidates[0]!.intent.id).toBe("credit_jiebei_reported");
    expect(matcher.match("hb逾期了还能用吗").candidates[0]!.intent.id).toBe("conseq_huabei_limited");
    expect(matcher.match("jb逾期了还能借吗").candidates[0]!.intent.id).toBe("conseq_jiebei_frozen");
  });

  it("tells a phone call from a visit: a question about calls does not get a visit intent", () => {
    // Each of these went to the visit intent that shares its other words before calls and
    // visits were told apart.
    expect(matcher.match("晚上十点后催收还能打电话过来吗").candidates[0]!.intent.id).toBe("contact_call_hours");
    expect(matcher.match("来电的催收员是支付宝员工吗").candidates[0]!.intent.id).toBe("contact_who_is_calling");
    expect(matcher.match("夜里催收电话一个接一个").candidates[0]!.intent.topic).not.toBe("home_visit");
    // A visit keeps the visit intents.
    expect(matcher.match("催收半夜来敲门合法吗").candidates[0]!.intent.id).toBe("visit_night");
    expect(matcher.match("催收说要到我单位来找我").candidates[0]!.intent.id).toBe("visit_threat_work_family");
    // Switched off, the call question goes to the visit intent again: the facet is what decides.
    const plain = createMatcher(kb, { channelMismatch: 0 });
    expect(plain.match("来电的催收员是支付宝员工吗").candidates[0]!.intent.id).toBe("visit_who_comes");
  });

  it("places a question that says the debt is paid off at the settled stage", () => {
    const question = "借呗结清了 为什么显示暂不可借";
    expect(matcher.match(question).candidates[0]!.intent.id).toBe("settle_restore_features");
    // Switched off, it goes to the intent about an overdue account's frozen limit, which shares
    // its other words.
    const plain = createMatcher(kb, { settledBonus: 0 });
    expect(plain.match(question).candidates[0]!.intent.id).toBe("conseq_jiebei_frozen");
    // Paying off as a goal is not the settled stage.
    for (const goal of ["欠了好几万 怎么才能上岸", "逾期了必须一次还清吗"]) {
      expect(matcher.match(goal).candidates[0]!.intent.stage, goal).not.toBe("settled");
    }
  });

  it("does not take 'I have never been overdue' for a word of the domain", () => {
    for (const q of ["我从没逾期过 花呗额度怎么突然降了", "一直按时还 没有逾期 借呗为啥关了"]) {
      expect(matcher.match(q).inDomain, q).toBe(false);
    }
    // Asking whether there is an overdue, or still naming the debt, stays in the domain.
    for (const q of ["怎么看自己征信有没有逾期", "还没逾期 但是下个月肯定还不上了", "从没逾期过 催收怎么就打来了"]) {
      expect(matcher.match(q).inDomain, q).toBe(true);
    }
  });

  it("declines questions outside the domain instead of guessing", () => {
    for (const q of ["今天天气怎么样", "花呗怎么提升额度", "招商银行信用卡怎么办理"]) {
      expect(decide(matcher.match(q)).kind, q).toMatch(/out_of_scope|fallback/);
    }
  });

  it("answers nothing for text with no tokens", () => {
    expect(matcher.match("？？？").candidates).toEqual([]);
  });
});
