import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, secretsOf } from "../src/config.ts";

const TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWxyz12345";

describe("parseConfig", () => {
  it("runs the terminal chat when there is no token", () => {
    expect(parseConfig({}).mode).toEqual({ kind: "console" });
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: "" }).mode.kind).toBe("console");
  });

  it("polls with grammY by default and honours the framework and API root", () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9999/", BOT_FRAMEWORK: "telegraf" });
    expect(config.mode).toEqual({
      kind: "polling",
      telegram: { token: TOKEN, apiRoot: "http://127.0.0.1:9999", framework: "telegraf", sendPerSecond: 30 },
    });
  });

  it("takes the outgoing rate from TELEGRAM_SEND_PER_SECOND, within Telegram's 1 to 1,000", () => {
    const at = (value: string) => parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_SEND_PER_SECOND: value });
    const rate = at("1000").mode;
    expect(rate.kind === "polling" && rate.telegram.sendPerSecond).toBe(1000);
    expect(() => at("0")).toThrow(/TELEGRAM_SEND_PER_SECOND/);
    expect(() => at("5000")).toThrow(/TELEGRAM_SEND_PER_SECOND: use a whole number from 1 to 1000, or off/);
    expect(() => at("fast")).toThrow(/TELEGRAM_SEND_PER_SECOND/);
  });

  it("lifts the cap across chats with TELEGRAM_SEND_PER_SECOND=off", () => {
    const mode = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_SEND_PER_SECOND: "off" }).mode;
    expect(mode.kind === "polling" && mode.telegram.sendPerSecond).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses a webhook without its secret", () => {
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://example.org/hook" })).toThrow(/WEBHOOK_SECRET/);
  });

  it("names every bad variable at once and never echoes the token", () => {
    try {
      parseConfig({ TELEGRAM_BOT_TOKEN: "secret-not-a-token", BOT_FRAMEWORK: "botkit", PORT: "http", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const e = error as ConfigError;
      expect(e.variables.map((v) => v.variable).sort()).toEqual(["BOT_FRAMEWORK", "LOG_LEVEL", "PORT", "TELEGRAM_BOT_TOKEN"]);
      expect(e.message).not.toContain("secret-not-a-token");
    }
  });
});

describe("secretsOf", () => {
  it("lists the token, the webhook secret and the Redis password, so the log can mask them", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      WEBHOOK_URL: "https://example.org/hook",
      WEBHOOK_SECRET: "hook-secret-123456",
      REDIS_URL: "redis://:p%40ss-word@127.0.0.1:6379/0",
    });
    expect(secretsOf(config)).toEqual([TOKEN, "hook-secret-123456", "p%40ss-word", "p@ss-word"]);
    expect(secretsOf(parseConfig({}))).toEqual([]);
  });
});
