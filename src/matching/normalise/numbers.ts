/**
 * Numbers in questions: Chinese numerals become digits (三个月 → 3个月, 两万 → 2万), the data
 * sets' `***` masks become `#`, and how long a user has been overdue and how much they owe are
 * extracted as facts so the dialogue can place them on the timeline.
 */

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };


/** Parses a Chinese numeral below 10,000 (三, 十五, 二十, 一百二十, 两千五). NaN when it is not one. */
export function parseChineseNumber(text: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else if (ch in UNIT) {
      total += (digit < 0 ? 1 : digit) * UNIT[ch]!;
      digit = -1;
    } else {
      return Number.NaN;
    }
  }
  if (digit >= 0) {
    // 两千五 = 2500: a trailing digit after a unit is one order below that unit.
    const last = [...text].at(-2);
    total += last !== undefined && last in UNIT && UNIT[last]! >= 100 ? (digit * UNIT[last]!) / 10 : digit;
  }
  return total;
}

// A Chinese numeral that starts with a digit or 十 and is followed by a counter or unit, or that
// has a unit inside (两千五): so 一下, 一直 and 千万别 are left alone.
const CN_NUMERAL = new RegExp(
  `[一二两三四五六七八九][十百千][零一二两三四五六七八九十百千]*|十[零一二两三四五六七八九]?|` +
    `[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖]+` +
    `(?=\\s*(?:个|天|日|周|星期|礼拜|月|年|万|千|块|元|w|k|期|次|号|多))`,
  "g",
);

/** Rewrites Chinese numerals before units as digits, and masks (***) as `#`. */
export function digitiseNumbers(text: string): string {
  return text
    .replace(/\*{2,}|#+/g, "#")
    .replace(CN_NUMERAL, (m) => {
      const n = parseChineseNumber(m);
      return Number.isNaN(n) ? m : String(n);
    });
}

/** What a user said about their own situation. */
export interface SituationFacts {
  /** How long they have been overdue, in days. */
  overdueDays?: number;
  /** How much they owe, in yuan. */
  amountYuan?: number;
}

const DAYS_PER: Readonly<Record<string, number>> = { 天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 月: 30, 年: 365 };
const DURATION = /(\d+(?:\.\d+)?|半)\s*(?:个)?\s*(?:多\s*)?(天|日|周|星期|礼拜|月|年)(半)?/g;
const AMOUNT = /(\d+(?:\.\d+)?)\s*(万|w|千|k)?\s*(?:多\s*)?(块钱|块|元|rmb)?/g;
const OVERDUE_CONTEXT = /逾期|欠|拖|没还|未还|不还|还不上|还不起|超期|晚还|延迟/;
const DEBT_CONTEXT = /欠|借|逾期|还款|额度|本金|花呗|借呗|贷/;

/**
 * Extracts the overdue duration and the amount from a normalised question (digits already).
 * Only numbers that read as a duration or an amount in a debt context count; dates like
 * "5号还款" are not durations.
 */
export function extractFacts(text: string): SituationFacts {
  const facts: SituationFacts = {};
  if (OVERDUE_CONTEXT.test(text)) {
    for (const m of text.matchAll(DURATION)) {
      const [, num, unit, half] = m;
      // "3个月" needs the 个 or 月 after a number; a bare "月" after a number of days is a date.
      if (unit === "月" && !/个|多/.test(m[0]) && !/^\d+月$/.test(m[0].replace(/\s/g, ""))) continue;
      if (unit === "月" && /^\d+月$/.test(m[0].replace(/\s/g, "")) && Number(num) > 12) continue;
      const n = num === "半" ? 0.5 : Number(num);
      const days = Math.round((n + (half ? 0.5 : 0)) * (DAYS_PER[unit!] ?? 1));
      if (days > 0 && days < 365 * 30) {
        facts.overdueDays = Math.max(facts.overdueDays ?? 0, days);
      }
    }
    if (/半年/.test(text) && facts.overdueDays === undefined) facts.overdueDays = 182;
  }
  if (DEBT_CONTEXT.test(text)) {
    for (const m of text.matchAll(AMOUNT)) {
      const [, num, scale, currency] = m;
      if (!scale && !currency) {
        // A bare number counts as an amount only when it is at least 100 and not a duration or date.
        const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 2);
        if (Number(num) < 100 || /^(?:个|天|日|周|星期|礼拜|月|年|号|期|次|点|%)/.test(after)) continue;
        const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0);
        if (/[年月]/.test(before) || /^(?:年)/.test(after)) continue;
      }
      const factor = scale === "万" || scale === "w" ? 10_000 : scale === "千" || scale === "k" ? 1000 : 1;
      const yuan = Number(num) * factor;
      if (yuan > 0) facts.amountYuan = Math.max(facts.amountYuan ?? 0, yuan);
    }
  }
  return facts;
}
