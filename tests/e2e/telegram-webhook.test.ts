/**
 * End to end over real HTTP, webhook mode: the bot runs as `npm start` runs it with WEBHOOK_URL,
 * WEBHOOK_SECRET and PORT set, once per framework. It must register the webhook with the secret,
 * refuse requests without the right `X-Telegram-Bot-Api-Secret-Token`, answer the right ones
 * (the reply goes to the fake Bot API) and answer `GET /healthz`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotProcess } from "../support/bot-process.ts";
import { sentTo, startSession, type Session } from "../support/e2e-session.ts";
import type { FakeBotApi, Json } from "../support/fake-bot-api.ts";
import { newUser, privateText } from "../support/updates.ts";

const SECRET = "webhook-secret-for-tests_123";
const HOOK_PATH = "/telegram/hook";
const PUBLIC_URL = `https://bot.example.test${HOOK_PATH}`;
const QUESTION = "花呗逾期了会上门催收吗";

describe.each(["grammy", "telegraf"] as const)("Telegram via %s, webhook", (framework) => {
  let s: Session;
  let fake: FakeBotApi;
  let bot: BotProcess;
  let base: string;
  let nextUpdateId = 90_000;

  beforeAll(async () => {
    // PORT=0: the bot binds a port the OS picks and logs it. Choosing a free port here and handing
    // it over would race with the ephemeral ports of the other suites' connections.
    const env = { BOT_FRAMEWORK: framework, LOG_LEVEL: "info", WEBHOOK_URL: PUBLIC_URL, WEBHOOK_SECRET: SECRET, PORT: "0", HOST: "127.0.0.1" };
    s = await startSession(env, "setWebhook");
    ({ fake, bot } = s);
    const started = await bot.waitForLog((l) => l["event"] === "bot.started");
    base = `http://127.0.0.1:${String(started["port"])}`;
  }, 60_000);
  afterAll(() => s?.close());

  /** Posts an update the way Telegram does. */
  function post(update: Json, headers: Record<string, string>, path = HOOK_PATH): Promise<Response> {
    return fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ update_id: ++nextUpdateId, ...update }),
    });
  }

  it("registers the webhook with its secret and never polls", () => {
    const [call] = fake.callsOf("setWebhook");
    expect(call?.payload).toMatchObject({ url: PUBLIC_URL, secret_token: SECRET });
    expect(call?.payload["allowed_updates"]).toEqual(expect.arrayContaining(["message", "callback_query", "inline_query"]));
    expect(fake.callsOf("getUpdates")).toEqual([]);
    expect(fake.callsOf("setMyCommands")).toHaveLength(2);
  });

  it("answers GET /healthz with 200 ok", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("refuses updates without the secret or with a wrong one (401), and sends nothing", async () => {
    const user = newUser();
    const since = fake.calls.length;
    expect((await post(privateText(user, QUESTION), {})).status).toBe(401);
    expect((await post(privateText(user, QUESTION), { "x-telegram-bot-api-secret-token": `${SECRET}x` })).status).toBe(401);
    expect((await post(privateText(user, QUESTION), { "x-telegram-bot-api-secret-token": "short" })).status).toBe(401);
    const get = await fetch(`${base}${HOOK_PATH}`, { headers: { "x-telegram-bot-api-secret-token": SECRET } });
    expect(get.status).toBe(401);
    expect(await s.sendsTo(user, since)).toEqual([]);
  });

  it("answers an update with the right secret: 200, and the reply goes to the Bot API", async () => {
    const user = newUser();
    const since = fake.calls.length;
    const res = await post(privateText(user, QUESTION), { "x-telegram-bot-api-secret-token": SECRET });
    expect(res.status).toBe(200);
    const sent = await s.waitFor(sentTo(user), since);
    expect(sent.payload["text"]).toContain("上门外访");
    expect(sent.payload["parse_mode"]).toBe("HTML");
  });

  it("answers 404 on other paths", async () => {
    const res = await post(privateText(newUser(), QUESTION), { "x-telegram-bot-api-secret-token": SECRET }, "/other");
    expect(res.status).toBe(404);
  });

  it("on SIGTERM finishes the update in flight, answers Telegram and exits 0", async () => {
    const user = newUser();
    const held = fake.holdNext("sendMessage");
    const response = post(privateText(user, QUESTION), { "x-telegram-bot-api-secret-token": SECRET });
    await held.arrived;
    bot.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 400));
    expect(bot.child.exitCode).toBeNull();
    held.release();
    expect((await response).status).toBe(200);
    expect((await bot.exited).code).toBe(0);
  });
});
