import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../src/dialogue/callback-data.ts";
import { renderPlainText } from "../../src/dialogue/render/plain-text.ts";
import { escapeHtml, renderTelegram } from "../../src/dialogue/render/telegram-html.ts";
import type { Incoming } from "../../src/dialogue/types.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, respond } = shippedCore();
const say = (text: string, extra: Partial<Incoming> = {}) => respond({ text, chat: "private", addressed: true, ...extra });

describe("respond()", () => {
  it("answers a clear question with stage, topic, rights, sources, next steps and the disclaimer", () => {
    const reply = say("花呗逾期了会上门催收吗")!;
    expect(reply.kind).toBe("answer");
    expect(reply.stage?.id).toBe("visit");
    expect(reply.topic?.id).toBe("home_visit");
    expect(reply.rights.length).toBeGreaterThan(0);
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.disclaimer).toBeTruthy();
    expect(reply.quickReplies.map((q) => q.label)).toContain("返回主菜单");
    expect(reply.candidates[0]!.intent).toBe(reply.intent);
  });

  it("greets back with the welcome and menu for a greeting or 'who are you', and thanks with the menu", () => {
    const welcome = say("/start")!;
    for (const text of ["你好", "您好！！在吗", "hi", "你是谁啊", "你是机器人吗？"]) {
      const reply = say(text)!;
      expect(reply.kind, text).toBe("menu");
      expect(reply.title, text).toBe(welcome.title);
      expect(reply.quickReplies.length, text).toBeGreaterThan(3);
    }
    const thanks = say("谢谢你！")!;
    expect(thanks.kind).toBe("menu");
    expect(thanks.title).toMatch(/不客气/);
  });

  it("still answers a question that starts with a greeting", () => {
    const reply = say("你好，花呗逾期了会上门催收吗")!;
    expect(reply.kind).toBe("answer");
    expect(reply.topic?.id).toBe("home_visit");
  });

  it("answers someone in despair with safety first, never a refusal or a bare menu", () => {
    for (const text of ["想死", "活不下去了", "欠了太多钱 不想活了", "真的撑不住了，借呗还不上，想一了百了"]) {
      const reply = say(text)!;
      expect(reply.kind, text).toBe("answer");
      expect(reply.intent, text).toBe("plan_cannot_cope");
      expect(reply.points[0], text).toContain("110");
    }
  });

  it("answers one of several questions asked at once, and offers the others as the first buttons", () => {
    // As a whole this message is "did you mean"; each question alone is answered outright.
    const reply = say("hb逾期三个月了会上征信吗？会不会被起诉？")!;
    expect(reply.kind).toBe("answer");
    expect(reply.intent).toBe("credit_huabei_reported");
    expect(reply.quickReplies[0]!.action).toEqual({ kind: "intent", id: "suit_will_they_sue" });
    expect(reply.note).toContain("3个月"); // the timeline note from the whole message stays
    expect(reply.otherQuestions).toContain("几个问题");
    expect(reply.otherIntents).toEqual(["suit_will_they_sue"]);
    expect(renderPlainText(reply)).toContain("几个问题");
    expect(renderTelegram(reply).html).toContain("几个问题");
    // Offered once only, even when it is also a follow-up of the answer.
    const ids = reply.quickReplies.map((q) => q.action.id);
    expect(new Set(ids).size).toBe(ids.length);
    // A message answered as a whole keeps its answer first and adds the other question.
    const whole = say("催收爆我通讯录了怎么办？催收会上门吗")!;
    expect(whole.intent).toBe("contacts_address_book_blast");
    expect(whole.quickReplies[0]!.action).toEqual({ kind: "intent", id: "visit_will_they_come" });
  });

  it("keeps a single question as it is, punctuation or not, and context before it", () => {
    for (const text of ["借呗逾期会被起诉吗？", "借呗逾期会被起诉吗？？！", "借呗逾期会被起诉吗。嗯？", "我借呗逾期三个月了。会被起诉吗"]) {
      const reply = say(text)!;
      expect(reply.intent, text).toBe("suit_will_they_sue");
      expect(reply.otherQuestions, text).toBeUndefined();
      expect(reply.quickReplies[0]!.action.id, text).not.toBe("suit_will_they_sue");
    }
  });

  it("puts safety first when despair comes with another question", () => {
    for (const text of ["借呗逾期会被起诉吗？我真的不想活了", "我不想活了。借呗逾期会被起诉吗？", "借呗逾期会被起诉吗\n活不下去了"]) {
      const reply = say(text)!;
      expect(reply.intent, text).toBe("plan_cannot_cope");
      expect(reply.points[0], text).toContain("110");
      expect(reply.quickReplies[0]!.action, text).toEqual({ kind: "intent", id: "suit_will_they_sue" });
    }
    // Also when the rest of the message is not something the bot covers, or the despair is a
    // sentence at the end of a long message about something else.
    for (const text of ["花呗怎么提额？我真的不想活了", "催收每天打我爸妈电话，我借呗花呗欠了三万多还不上。真想死了算了", "借呗逾期了会怎样。我好想自杀"]) {
      expect(say(text)!.intent, text).toBe("plan_cannot_cope");
    }
    // Saying one cannot pay is a question about debt, not a cry for help.
    expect(say("欠花呗会坐牢吗？我不是不想还，是真的还不上")!.intent).toBe("suit_jail");
  });

  it("places the user on the timeline from the duration they state", () => {
    const reply = say("借呗逾期三个月了会被起诉吗")!;
    expect(reply.facts.overdueDays).toBe(90);
    expect(reply.note).toMatch(/3个月/);
  });

  it("asks which one was meant when the question is vague", () => {
    const reply = say("逾期了怎么办才好")!;
    expect(["clarify", "answer"]).toContain(reply.kind);
    if (reply.kind === "clarify") {
      expect(reply.quickReplies.length).toBeGreaterThanOrEqual(2);
      expect(reply.intent).toBeUndefined();
      expect(reply.topic?.id).toBe(reply.candidates[0]!.topic);
    }
  });

  it("falls back with the menu for junk, and says what it covers for out-of-scope questions", () => {
    const junk = say("qwzx vbnm")!;
    expect(junk.kind).toMatch(/fallback|out_of_scope/);
    expect(junk.quickReplies.length).toBeGreaterThan(5);
    const oos = say("今天天气怎么样")!;
    expect(oos.kind).toBe("out_of_scope");
    expect(oos.points.join("")).toContain("95188");
  });

  it("stays silent in a group unless addressed", () => {
    expect(respond({ text: "花呗逾期会上门吗", chat: "group", addressed: false })).toBeNull();
    expect(respond({ text: "花呗逾期会上门吗", chat: "group", addressed: true })?.kind).toBe("answer");
  });

  it("handles commands, deep links and /ask", () => {
    expect(say("/start")!.kind).toBe("menu");
    expect(say("/start visit_will_they_come")!.intent).toBe("visit_will_they_come");
    expect(say("/start lawsuit")!.stage?.id).toBe("lawsuit");
    expect(say("/menu")!.quickReplies.length).toBe(kb.menuById.get("main")!.items.length);
    expect(say("/rights")!.title).toBe("我的权利");
    expect(say("/ask@overdue_bot 借呗逾期会被起诉吗")!.stage?.id).toBe("lawsuit");
    expect(say("/about")!.sources.length).toBe(kb.seeds.length);
    expect(say("/privacy")!.kind).toBe("notice");
  });

  it("follows buttons, and answers stale or forged callback data with the main menu", () => {
    const menu = say("/menu")!;
    const stageButton = menu.quickReplies[0]!;
    const stageMenu = respond({ text: "", chat: "private", addressed: true, data: encodeAction(stageButton.action) })!;
    expect(stageMenu.kind).toBe("menu");
    expect(stageMenu.stage?.id).toBe("reminder");
    for (const data of ["v1:i:no_such_intent", "v9:x:evil", "", "v1:i:" + "a".repeat(80), "v1:m:../../etc"]) {
      const reply = respond({ text: "", chat: "private", addressed: true, data })!;
      expect(reply.title).toBe("菜单已更新，请从新的主菜单重新选择。");
    }
  });
});

describe("callback data", () => {
  it("round-trips every action the menus and answers produce, within 64 bytes", () => {
    const replies = [say("/menu")!, ...kb.intents.map((it) => respond({ text: "", chat: "private", addressed: true, data: encodeAction({ kind: "intent", id: it.id }) })!)];
    for (const m of kb.menus) replies.push(respond({ text: "", chat: "private", addressed: true, data: encodeAction({ kind: "menu", id: m.id }) })!);
    for (const r of replies) {
      for (const q of r.quickReplies) {
        const data = encodeAction(q.action);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(decodeAction(data)).toEqual(q.action);
      }
    }
  });
});

describe("rendering", () => {
  it("escapes HTML in every string it renders", () => {
    expect(escapeHtml(`<b>&"`)).toBe("&lt;b&gt;&amp;&quot;");
    const reply = say("/menu")!;
    reply.title = "<script>alert(1)</script>";
    expect(renderTelegram(reply).html).toContain("&lt;script&gt;");
  });

  it("numbers the choices in plain text", () => {
    expect(renderPlainText(say("/menu")!)).toMatch(/\[1\] 1\. 逾期提醒/);
  });
});
