/**
 * End to end over real HTTP, long polling: the bot runs as `npm start` runs it (a child process,
 * `tsx src/main.ts`) against the fake Bot API, once per framework, and the same suite must pass
 * for grammY and telegraf. One process per framework serves every test; each test uses fresh
 * user and chat ids so rate limits and throttling never couple tests. The process serves a copy
 * of `intents/` with INTENTS_WATCH=1 (a test edits it) and keeps the opt-in unanswered log.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/dialogue/respond.ts";
import { MESSAGES } from "../../src/dialogue/messages.ts";
import { TEST_TOKEN, type BotProcess } from "../support/bot-process.ts";
import { buttonsOf, sentTo, startSession, type Session } from "../support/e2e-session.ts";
import { FAKE_BOT, type FakeBotApi, type Json } from "../support/fake-bot-api.ts";
import { botMessage, callbackQuery, groupText, inlineQuery, newGroup, newUser, privateText } from "../support/updates.ts";

const QUESTION = "花呗逾期了会上门催收吗";
const VISIT_INTENT = "visit_will_they_come";
/** Messages a user may send per window in these processes; the flood test sends one more. */
const RATE_LIMIT = 5;
const MENTION = `@${FAKE_BOT.username}`;

describe.each(["grammy", "telegraf"] as const)("Telegram via %s, long polling", (framework) => {
  let s: Session;
  let fake: FakeBotApi;
  let bot: BotProcess;
  const work = mkdtempSync(join(tmpdir(), `overdue-e2e-${framework}-`));
  const intentsDir = join(work, "intents");
  const unansweredFile = join(work, "unanswered.jsonl");
  // info, not warn: the log test below checks what reaches the log at the production level.
  const env = {
    BOT_FRAMEWORK: framework,
    LOG_LEVEL: "info",
    RATE_LIMIT: String(RATE_LIMIT),
    RATE_WINDOW_MS: "60000",
    INTENTS_DIR: intentsDir,
    INTENTS_WATCH: "1",
    UNANSWERED_LOG: unansweredFile,
  };

  beforeAll(async () => {
    cpSync("intents", intentsDir, { recursive: true });
    s = await startSession(env, "getUpdates");
    ({ fake, bot } = s);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Asserts that nothing was sent for `silent`: a later update in the same chat is answered, and only it. */
  async function expectSilence(silent: Json, chatId: number, sentinel: Json): Promise<void> {
    const since = fake.calls.length;
    fake.push(silent);
    fake.push(sentinel);
    const answered = await s.waitFor(sentTo(chatId), since);
    expect(await s.sendsTo(chatId, since)).toEqual([answered]);
    expect(answered.payload["reply_parameters"]?.message_id).toBe(sentinel["message"].message_id);
  }

  it("connects with getMe and registers the commands in Chinese and English", () => {
    expect(fake.callsOf("getMe").length).toBeGreaterThan(0);
    const registered = fake.callsOf("setMyCommands");
    const zh = registered.find((c) => c.payload["language_code"] === undefined);
    const en = registered.find((c) => c.payload["language_code"] === "en");
    expect(zh?.payload["commands"].map((c: Json) => c.command)).toEqual([...COMMANDS]);
    expect(en?.payload["commands"].map((c: Json) => c.command)).toEqual([...COMMANDS]);
    expect(zh?.payload["commands"][0].description).toMatch(/[\u4e00-\u9fff]/);
    expect(en?.payload["commands"][0].description).toMatch(/^[\x20-\x7e]+$/);
    expect(fake.callsOf("setWebhook")).toEqual([]);
  });

  it("answers /start with the welcome and the main menu as buttons with v1 callback codes", async () => {
    const user = newUser();
    const call = await s.exchange(privateText(user, "/start"), sentTo(user));
    expect(call.payload["parse_mode"]).toBe("HTML");
    expect(call.payload["text"]).toContain(`<b>${MESSAGES.welcomeTitle}</b>`);
    const buttons = buttonsOf(call);
    expect(buttons.length).toBeGreaterThan(3);
    for (const b of buttons) {
      expect(b.callback_data).toMatch(/^v1:[istm]:[a-z0-9_]+$/);
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }
  });

  it("opens the topic of a deep link (/start <intent id>)", async () => {
    const user = newUser();
    const call = await s.exchange(privateText(user, `/start ${VISIT_INTENT}`), sentTo(user));
    expect(call.payload["text"]).toContain("上门外访");
    expect(call.payload["text"]).toContain(MESSAGES.disclaimer);
  });

  it("answers a question with its stage, the rights that apply and the sources", async () => {
    const user = newUser();
    const call = await s.exchange(privateText(user, QUESTION), sentTo(user));
    const text: string = call.payload["text"];
    expect(text).toContain("上门外访");
    expect(text).toContain(`<b>${MESSAGES.rightsHeading}</b>`);
    expect(text).toContain(`<b>${MESSAGES.sourcesHeading}</b>`);
    expect(call.payload["reply_parameters"]).toBeUndefined();
    expect(buttonsOf(call).some((b) => b.callback_data === "v1:m:main")).toBe(true);
  });

  it("answers a menu button with answerCallbackQuery and edits the menu in place", async () => {
    const user = newUser();
    const menu = await s.exchange(privateText(user, "/menu"), sentTo(user));
    const menuMessage = menu.result as Json;
    const press = callbackQuery(user, "v1:m:stage_visit", menuMessage);
    const edit = await s.exchange(press, (c) => c.method === "editMessageText");
    const answered = fake.callsOf("answerCallbackQuery").find((c) => c.payload["callback_query_id"] === press["callback_query"].id);
    expect(answered).toBeDefined();
    expect(answered!.seq).toBeLessThan(edit.seq);
    expect(edit.payload).toMatchObject({ chat_id: user, message_id: menuMessage["message_id"], parse_mode: "HTML" });
    expect(edit.payload["text"]).toContain("上门外访");
    expect(buttonsOf(edit).some((b) => b.callback_data === `v1:i:${VISIT_INTENT}`)).toBe(true);
  });

  it("answers a question button with a new message, keeping the pressed one", async () => {
    const user = newUser();
    const press = callbackQuery(user, `v1:i:${VISIT_INTENT}`, botMessage(user, 901, "第4步 上门外访"));
    const since = fake.calls.length;
    const sent = await s.exchange(press, sentTo(user));
    expect(fake.callsOf("answerCallbackQuery", since).map((c) => c.payload["callback_query_id"])).toEqual([press["callback_query"].id]);
    expect(fake.callsOf("editMessageText", since)).toEqual([]);
    expect(sent.payload["text"]).toContain(`<b>${MESSAGES.rightsHeading}</b>`);
  });

  it.each(["v9:x:evil", "v1:i:no_such_intent", "v1:m:../../etc"])("meets forged callback data %j with 菜单已更新 and the main menu", async (data) => {
    const user = newUser();
    const press = callbackQuery(user, data, botMessage(user, 902, "主菜单"));
    const edit = await s.exchange(press, (c) => c.method === "editMessageText" && c.payload["chat_id"] === user);
    expect(edit.payload["text"]).toContain("菜单已更新");
    expect(buttonsOf(edit).length).toBeGreaterThan(3);
    expect(fake.callsOf("answerCallbackQuery").some((c) => c.payload["callback_query_id"] === press["callback_query"].id)).toBe(true);
  });

  it("asks for text when a private message is a sticker or a photo", async () => {
    const user = newUser();
    const sticker = privateText(user, "");
    delete sticker["message"].text;
    sticker["message"].sticker = { file_id: "s1", file_unique_id: "u1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false };
    const call = await s.exchange(sticker, sentTo(user));
    expect(call.payload["text"]).toBe(MESSAGES.nonText);
  });

  it("ignores edited messages, channel posts and member joins without a word", async () => {
    const group = newGroup();
    const user = newUser();
    const edited = { edited_message: { ...privateText(user, QUESTION)["message"], edit_date: 2 } };
    const channel = { channel_post: { message_id: 5, date: 1, chat: { id: -100777, type: "channel", title: "c" }, text: QUESTION } };
    const join = groupText(group, user, "");
    delete join["message"].text;
    join["message"].new_chat_members = [{ id: user, is_bot: false, first_name: "新人" }];
    const member = { my_chat_member: { chat: { id: group, type: "supergroup" }, from: { id: user, is_bot: false, first_name: "x" }, date: 1 } };
    const since = fake.calls.length;
    for (const update of [edited, channel, join, member]) fake.push(update);
    const sentinel = groupText(group, user, `${MENTION} ${QUESTION}`);
    await s.exchange(sentinel, sentTo(group));
    const sends = fake.callsOf("sendMessage", since);
    expect(sends.map((c) => c.payload["chat_id"])).toEqual([group]);
  });

  it("stays silent in a group when not addressed, and for commands meant for another bot", async () => {
    const user = newUser();
    const [a, b] = [newGroup(), newGroup()];
    await expectSilence(groupText(a, user, QUESTION), a, groupText(a, user, `${MENTION} ${QUESTION}`));
    await expectSilence(
      groupText(b, user, `/ask@other_helper_bot ${QUESTION}`),
      b,
      groupText(b, user, `/ask@${FAKE_BOT.username} ${QUESTION}`),
    );
  });

  const threaded = [
    ["an @mention", (g: number, u: number) => groupText(g, u, `${MENTION} ${QUESTION}`)],
    ["/ask@bot", (g: number, u: number) => groupText(g, u, `/ask@${FAKE_BOT.username} ${QUESTION}`)],
    ["a reply to the bot", (g: number, u: number) => groupText(g, u, QUESTION, { reply_to_message: botMessage(g, 903, "之前的回答") })],
  ] as const;
  it.each(threaded)("answers %s in a group as a reply to the asker, with a private deep link", async (_, build) => {
    const group = newGroup();
    const ask = build(group, newUser());
    const call = await s.exchange(ask, sentTo(group));
    expect(call.payload["reply_parameters"]).toMatchObject({ message_id: ask["message"].message_id });
    expect(call.payload["text"]).toContain("上门外访");
    expect(call.payload["text"]).not.toContain(MENTION);
    const link = buttonsOf(call).find((b) => b.url);
    expect(link).toEqual({ text: MESSAGES.continuePrivately, url: `https://t.me/${FAKE_BOT.username}?start=${VISIT_INTENT}` });
  });

  it("answers in the asker's forum topic", async () => {
    const group = newGroup();
    const ask = groupText(group, newUser(), `${MENTION} ${QUESTION}`, { message_thread_id: 77, is_topic_message: true });
    ask["message"].chat.is_forum = true;
    const call = await s.exchange(ask, sentTo(group));
    expect(call.payload["message_thread_id"]).toBe(77);
    expect(call.payload["reply_parameters"]).toMatchObject({ message_id: ask["message"].message_id });
  });

  it("never repeats what a user said about their situation in a group", async () => {
    const question = "欠花呗不还会坐牢吗，已经逾期3个月";
    const user = newUser();
    const inPrivate = await s.exchange(privateText(user, question), sentTo(user));
    expect(inPrivate.payload["text"]).toContain("你说已逾期约3个月");
    const group = newGroup();
    const inGroup = await s.exchange(groupText(group, newUser(), `${MENTION} ${question}`), sentTo(group));
    expect(inGroup.payload["text"]).not.toContain("逾期约3个月");
    expect(inGroup.payload["text"]).toContain(MESSAGES.groupPrivacyHint);
  });

  it("offers inline-mode answers as articles without buttons", async () => {
    const query = inlineQuery(newUser(), QUESTION);
    const call = await s.exchange(query, (c) => c.method === "answerInlineQuery");
    expect(call.payload["inline_query_id"]).toBe(query["inline_query"].id);
    const results: Json[] = call.payload["results"];
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0]).toMatchObject({ type: "article", id: VISIT_INTENT });
    expect(results[0]!.input_message_content.message_text).toContain("上门外访");
    expect(results[0]!.input_message_content.parse_mode).toBe("HTML");
    for (const r of results) expect(r.reply_markup).toBeUndefined();
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
  });

  it("resends as plain text when Telegram rejects the HTML", async () => {
    const user = newUser();
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 0" });
    const since = fake.calls.length;
    const plain = await s.exchange(privateText(user, QUESTION), (c) => sentTo(user)(c) && c.payload["parse_mode"] === undefined);
    expect(fake.callsOf("sendMessage", since).filter((c) => c.payload["chat_id"] === user)).toHaveLength(2);
    expect(plain.payload["text"]).toContain("上门外访");
    expect(plain.payload["text"]).not.toMatch(/<\/?b>/);
    expect(buttonsOf(plain).length).toBeGreaterThan(0);
  });

  it("waits retry_after seconds and retries when Telegram answers 429", async () => {
    const user = newUser();
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const since = fake.calls.length;
    fake.push(privateText(user, QUESTION));
    const first = await fake.waitFor(sentTo(user), { since });
    const retried = await s.waitFor(sentTo(user), first.seq + 1, 6000);
    expect(retried.at - first.at).toBeGreaterThanOrEqual(900);
    expect(retried.payload["text"]).toBe(first.payload["text"]);
  });

  it("logs a failed reply, sends the calm error message and keeps running", async () => {
    const user = newUser();
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: message thread not found" });
    const calm = await s.exchange(privateText(user, QUESTION), (c) => sentTo(user)(c) && c.payload["text"] === MESSAGES.internalError);
    expect(calm).toBeDefined();
    const next = newUser();
    const answer = await s.exchange(privateText(next, QUESTION), sentTo(next));
    expect(answer.payload["text"]).toContain("上门外访");
  });

  it("tells a flooding user once, calmly, to slow down, and ignores the rest of the window", async () => {
    const user = newUser();
    const since = fake.calls.length;
    // The limit is per user across chats: spread over groups so outbound throttling does not slow the test.
    const groups = Array.from({ length: RATE_LIMIT }, () => newGroup());
    for (const group of groups) fake.push(groupText(group, user, `/ask@${FAKE_BOT.username} ${QUESTION}`));
    await Promise.all(groups.map((g) => fake.waitFor(sentTo(g), { since })));
    const calm = await s.exchange(privateText(user, QUESTION), sentTo(user));
    expect(calm.payload["text"]).toBe(MESSAGES.rateLimited);
    // After the limit: the flooder's next message gets nothing while another user is answered.
    const after = fake.calls.length;
    fake.push(privateText(user, QUESTION));
    const other = newUser();
    await s.exchange(privateText(other, QUESTION), sentTo(other));
    expect(await s.sendsTo(user, after)).toEqual([]);
  });

  it("records unanswered questions redacted and without ids, and never an answered one", async () => {
    const user = newUser();
    await s.exchange(privateText(user, "帮我查一下手机13912345678的账单"), sentTo(user));
    const group = newGroup();
    await s.exchange(groupText(group, user, `/ask@${FAKE_BOT.username} 逾期`), sentTo(group));
    const raw = readFileSync(unansweredFile, "utf8");
    const entries = raw.trim().split("\n").map((line) => JSON.parse(line) as Json);
    expect(entries).toContainEqual(expect.objectContaining({ kind: "out_of_scope", question: "帮我查一下手机[手机号]的账单" }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: "clarify", question: "逾期" }));
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(["at", "kind", "question", "top"]);
    expect(raw).not.toContain("13912345678");
    expect(raw).not.toContain(String(user));
    expect(raw).not.toContain(String(group));
    expect(raw).not.toContain(QUESTION);
  });

  it("with INTENTS_WATCH=1 keeps answering through a bad edit, logged with file:line, then answers with the fixed content", async () => {
    const file = join(intentsDir, "topics", "home_visit.yaml");
    const original = readFileSync(file, "utf8");
    const rightsLine = "    rights: [negotiate, verify_identity, refuse_entry]";
    const line = original.split("\n").indexOf(rightsLine) + 1;
    expect(line).toBeGreaterThan(0);
    writeFileSync(file, original.replace(rightsLine, "    rights: [negotiate, verify_identity, no_such_right]"));
    const rejected = await bot.waitForLog((l) => l["event"] === "knowledge.rejected" && String(l["where"]).includes(`home_visit.yaml:${line}:`));
    expect(rejected["level"]).toBe("error");
    const asker = newUser();
    expect((await s.exchange(privateText(asker, QUESTION), sentTo(asker))).payload["text"]).toContain("上门外访");

    const marker = "（内容已更新）";
    writeFileSync(file, original.replace("支付宝表示不主张上门催收", `支付宝表示不主张上门催收${marker}`));
    await bot.waitForLog((l) => l["event"] === "knowledge.reloaded");
    const next = newUser();
    expect((await s.exchange(privateText(next, QUESTION), sentTo(next))).payload["text"]).toContain(marker);
  });

  it("logs JSON lines with update ids, event ids and intents, never user text or the token", () => {
    const lines = bot.stdout().trim().split("\n").map((line) => JSON.parse(line) as Json);
    const sent = lines.filter((l) => l["event"] === "reply.sent");
    expect(sent.some((l) => l["intent"] === VISIT_INTENT && typeof l["update_id"] === "number" && l["chat"] === "group")).toBe(true);
    expect(lines.some((l) => l["event"] === "update.failed")).toBe(true);
    expect(lines.some((l) => l["event"] === "rate.limited")).toBe(true);
    const all = bot.stdout();
    expect(all).not.toContain(QUESTION);
    expect(all).not.toContain("坐牢");
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain(TEST_TOKEN.split(":")[1]);
  });

  it("on SIGTERM stops taking updates, finishes the reply in flight and exits 0", async () => {
    const user = newUser();
    const held = fake.holdNext("sendMessage");
    fake.push(privateText(user, QUESTION));
    const call = await held.arrived;
    bot.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 400));
    expect(bot.child.exitCode).toBeNull();
    held.release();
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(call.payload["chat_id"]).toBe(user);
    expect(call.result).toBeDefined();
  });
});
