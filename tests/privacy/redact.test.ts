/**
 * Redaction keeps personal numbers out of logs (issue 7, privacy) while amounts, durations and
 * hotlines stay readable for the maintainers who read unanswered questions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, redact, redactToken } from "../../src/privacy/redact.ts";

const { mobile, idCard, bankCard, landline, email, number, token: TOKEN } = PLACEHOLDERS;

describe("redact: personal numbers become fixed placeholders", () => {
  // [input, expected]
  const positives: Array<[string, string]> = [
    // Mobiles
    ["13812345678", mobile],
    ["我的手机号是13812345678，别打了", `我的手机号是${mobile}，别打了`],
    ["+8613812345678", mobile],
    ["+86 138 1234 5678", mobile],
    ["+86-138-1234-5678", mobile],
    ["86 15912345678", mobile],
    ["008618612345678", mobile],
    ["138 1234 5678", mobile],
    ["138-1234-5678", mobile],
    ["tel19912345678", `tel${mobile}`],
    ["催收用17012345678和16612345678给我打", `催收用${mobile}和${mobile}给我打`],
    ["１３８１２３４５６７８", mobile], // full-width digits, as Chinese keyboards type them
    ["手机：１３８　１２３４　５６７８。", `手机：${mobile}。`],
    // Landlines
    ["010-62345678", landline],
    ["010-12345678", landline],
    ["0571-87654321", landline],
    ["(0571)87654321", landline],
    ["（021）65432100", landline],
    ["021 6543 2100", landline],
    ["02165432100", landline],
    ["0755-8765432", landline],
    ["座机0571-87654321转123", `座机${landline}`],
    // 身份证
    ["110101199003071234", idCard],
    ["11010119900307123X", idCard],
    ["11010119900307123x", idCard],
    ["身份证号440305198512250018号码", `身份证号${idCard}号码`],
    ["110101 19900307 1234", idCard],
    ["51010420000229001X", idCard],
    ["12345678901234567X", idCard], // 17 digits and an X is a 身份证 whatever the date
    ["110101900307123", idCard], // 15-digit old number
    ["老身份证320102851231001还能用吗", `老身份证${idCard}还能用吗`],
    // Bank cards
    ["6222021234567890", bankCard],
    ["6222021234567890123", bankCard],
    ["622202123456789012", bankCard], // 18 digits whose middle is no birth date
    ["6222 0212 3456 7890", bankCard],
    ["6222-0212-3456-7890-123", bankCard],
    ["卡号6217 0000 1234 5678 901，扣款了", `卡号${bankCard}，扣款了`],
    ["4392268312345678", bankCard],
    // E-mail
    ["zhang.san+debt@example.com", email],
    ["邮箱abc123@qq.com谢谢", `邮箱${email}谢谢`],
    ["13812345678@163.com", email], // an address made of a phone number is an address
    ["发到 li_si@mail.example.com.cn 吧", `发到 ${email} 吧`],
    ["ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ", email],
    // Other long digit runs
    ["合同号123456789012", `合同号${number}`],
    ["账号12345678901234567890123", `账号${number}`],
    // Several at once
    [
      "我叫张三，身份证110101199003071234，手机13812345678，卡6222021234567890，邮箱a@b.cn，欠了5000",
      `我叫张三，身份证${idCard}，手机${mobile}，卡${bankCard}，邮箱${email}，欠了5000`,
    ],
  ];

  it.each(positives)("redacts %j", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("leaves no run of 7 or more digits in any positive sample", () => {
    for (const [input] of positives) {
      const folded = redact(input).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
      expect(folded, input).not.toMatch(/\d{7,}/);
    }
  });
});

describe("redact: amounts, durations, dates and hotlines stay readable", () => {
  const negatives = [
    "5000",
    "欠了5000块",
    "借呗欠了2万",
    "花呗逾期90天了",
    "逾期3个月会怎样",
    "逾期一年半",
    "欠款12.5万",
    "本金100000元",
    "欠了1,234,567元",
    "50000 30000",
    "2024年3月15日",
    "20240315",
    "2024-03-15",
    "每月5号还款",
    "12:30打来的",
    "支付宝客服95188",
    "银保监投诉12378",
    "12321举报骚扰",
    "12348法律援助",
    "12368法院热线",
    "报警打110",
    "打12345市民热线",
    "400-820-8820",
    "第1期 第12期 第24期",
    "逾期30天 欠3000 利息0.05%",
    "1234567", // seven digits without area code: could be an amount
    "12345678901", // eleven digits that are not a mobile (second digit 2)
    "版本v1.2.3",
    "",
    "   ",
    "花呗借呗都逾期了怎么办？？？",
  ];

  it.each(negatives)("keeps %j", (input) => {
    expect(redact(input)).toBe(input);
  });

  it("never changes text without any digit or @ (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const text = s.replace(/[0-9０-９@＠]/g, "");
        expect(redact(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws and is idempotent (property)", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789 -+X@.（）() 转a１３８"), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(digits, fc.string({ unit: "binary" })), (s) => {
        const once = redact(s);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it("redacts any generated mobile, whatever the separators (property)", () => {
    const sep = fc.constantFrom("", " ", "-");
    const arb = fc.tuple(
      fc.constantFrom("", "+86", "86", "0086", "+86 "),
      fc.integer({ min: 3, max: 9 }),
      fc.stringMatching(/^\d{9}$/),
      sep,
      sep,
      fc.constantFrom("", "我的电话", "打", "啊"),
      fc.constantFrom("", "，谢谢", " ok", "。"),
    );
    fc.assert(
      fc.property(arb, ([prefix, second, rest, s1, s2, before, after]) => {
        const number = `${prefix}1${second}${rest.slice(0, 1)}${s1}${rest.slice(1, 5)}${s2}${rest.slice(5)}`;
        expect(redact(`${before}${number}${after}`)).toBe(`${before}${mobile}${after}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("redactToken: a bot token never survives", () => {
  const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  it("removes the configured token anywhere in a string", () => {
    expect(redactToken(`GET https://api.telegram.org/bot${token}/getMe failed`, token)).toBe(
      `GET https://api.telegram.org/bot${TOKEN}/getMe failed`,
    );
    expect(redactToken(`${token} ${token}`, token)).toBe(`${TOKEN} ${TOKEN}`);
  });

  it("removes the secret part on its own", () => {
    expect(redactToken("secret=AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw;", token)).toBe(`secret=${TOKEN};`);
  });

  it("removes any token-shaped string, also with the colon URL-encoded", () => {
    const other = "987654321:ZZZ-abcdefghijklmnopqrstuvwxyz_0123";
    expect(redactToken(`token ${other}`, token)).toBe(`token ${TOKEN}`);
    expect(redactToken(`bot987654321%3AZZZ-abcdefghijklmnopqrstuvwxyz_0123/x`, "")).toBe(`bot${TOKEN}/x`);
  });

  it("leaves text alone when there is no token, even with an empty configured token", () => {
    // An empty token must not be used as a pattern: "".replace would insert at every position.
    expect(redactToken("花呗逾期90天，12:30 来电", "")).toBe("花呗逾期90天，12:30 来电");
    expect(redactToken("ratio 10:1", token)).toBe("ratio 10:1");
  });

  it("treats regular-expression characters in the token literally", () => {
    expect(redactToken("a.b*c+?d", "a.b*c+?d")).toBe(TOKEN);
    expect(redactToken("axbbbcd", "a.b*c+?d")).toBe("axbbbcd");
  });

  it("removes any generated token from any surrounding text (property)", () => {
    const arb = fc.tuple(
      fc.stringMatching(/^[1-9]\d{7,9}:[A-Za-z0-9_-]{35}$/),
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.string({ unit: "grapheme", maxLength: 30 }),
    );
    fc.assert(
      fc.property(arb, ([t, before, after]) => {
        const out = redactToken(`${before} ${t} ${after}`, t);
        expect(out).not.toContain(t);
        expect(redactToken(`${before} ${t} ${after}`, "")).not.toContain(t);
      }),
      { numRuns: 300 },
    );
  });
});
