/** The log never carries the bot token or configured secrets, even inside error messages and URLs. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { TelegramStartError } from "../../src/adapters/telegram/errors.ts";
import { createLogger, describeError, redactSecrets, REDACTED } from "../../src/logger.ts";

const TOKEN = "987654:AAH-real-looking-token_0123456789";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  return { lines, destination };
}

describe("createLogger", () => {
  it("writes one JSON object a line with the level name and the child's fields", () => {
    const { lines, destination } = capture();
    createLogger("info", { destination }).child({ update_id: 5, chat: "group" }).info({ event: "reply.sent", intent: "x" });
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "info", update_id: 5, chat: "group", event: "reply.sent", intent: "x" });
  });

  it("masks anything shaped like a token, and the configured secrets, wherever they appear", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination, secrets: ["hook-secret-value"] });
    const error = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    logger.error({ event: "x", err: describeError(error), note: "hook-secret-value" });
    expect(lines.join("")).not.toContain(TOKEN);
    expect(lines.join("")).not.toContain("hook-secret-value");
    expect(lines.join("")).toContain(REDACTED);
    expect(lines.join("")).toContain("[TOKEN]");
  });

  it("masks the configured token's secret part even on its own", () => {
    const { lines, destination } = capture();
    createLogger("info", { destination, secrets: [TOKEN] }).warn({ event: "x", detail: `key=${TOKEN.split(":")[1]}` });
    expect(lines.join("")).not.toContain(TOKEN.split(":")[1]);
  });

  it("respects the level", () => {
    const { lines, destination } = capture();
    createLogger("warn", { destination }).info({ event: "quiet" });
    expect(lines).toEqual([]);
  });
});

describe("describeError", () => {
  it("keeps name, message, Bot API code and description, never the request payload", () => {
    const error = Object.assign(new Error("Call to 'sendMessage' failed!"), {
      error_code: 400, description: "Bad Request", payload: { text: "用户的问题" },
    });
    const summary = describeError(error);
    expect(summary).toMatchObject({ name: "Error", code: 400, description: "Bad Request" });
    expect(JSON.stringify(summary)).not.toContain("用户的问题");
  });
});

describe("TelegramStartError", () => {
  it("says which step failed, hints at the token on 401, and never holds the token", () => {
    const error = new TelegramStartError("connect", Object.assign(new Error(`401 at /bot${TOKEN}/getMe`), { error_code: 401 }));
    expect(error.message).toContain("(connect)");
    expect(error.message).toContain("TELEGRAM_BOT_TOKEN");
    expect(error.message).not.toContain(TOKEN);
    expect(error.cause).toBeUndefined();
    expect(redactSecrets("x", [])).toBe("x");
  });
});
