/** The webhook server alone: what it refuses, and that closing waits for updates in flight. */
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookServer, type WebhookServer } from "../../src/adapters/telegram/webhook-server.ts";
import type { TgUpdate } from "../../src/adapters/telegram/bot-api.ts";
import { createLogger } from "../../src/logger.ts";

const SECRET = "secret-secret-123";
let server: WebhookServer | undefined;

async function start(handleUpdate: (u: TgUpdate) => Promise<void>) {
  server = createWebhookServer({ path: "/hook", secret: SECRET, handleUpdate, logger: createLogger("silent") });
  const { port } = await server.listen(0, "127.0.0.1");
  return (body: string, secret = SECRET) =>
    fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": secret }, body });
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createWebhookServer", () => {
  it("hands a valid update over and answers 200", async () => {
    const got: TgUpdate[] = [];
    const post = await start(async (u) => void got.push(u));
    expect((await post(JSON.stringify({ update_id: 1 }))).status).toBe(200);
    expect(got).toEqual([{ update_id: 1 }]);
  });

  it("refuses bad JSON (400), non-updates (400), oversized bodies (413) and wrong secrets (401)", async () => {
    const got: TgUpdate[] = [];
    const post = await start(async (u) => void got.push(u));
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 1 }))).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 1, pad: "x".repeat(2 << 20) }))).status).toBe(413);
    expect((await post(JSON.stringify({ update_id: 1 }), "secret-secret-124")).status).toBe(401);
    expect(got).toEqual([]);
  });

  it("answers 500 when handling fails, so Telegram delivers the update again", async () => {
    const post = await start(async () => {
      throw new Error("boom");
    });
    expect((await post(JSON.stringify({ update_id: 1 }))).status).toBe(500);
  });

  it("closes only after the update in flight is done", async () => {
    let finish = () => {};
    let done = false;
    const post = await start(() => new Promise<void>((resolve) => (finish = () => ((done = true), resolve()))));
    const response = post(JSON.stringify({ update_id: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    const closed = server!.close().then(() => done);
    setTimeout(finish, 100);
    expect((await response).status).toBe(200);
    expect(await closed).toBe(true);
    server = undefined;
  });
});
