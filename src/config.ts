/**
 * The only reader of the environment. `parseConfig(env)` is pure: `main.ts` calls it once with
 * `process.env` (after `.env` is loaded), tests call it with plain objects.
 */
import { z } from "zod";

// === Errors

/** Thrown when one or more environment variables are invalid; names every bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  /** The variables that failed, each with what was wrong (values are never echoed). */
  readonly variables: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(variables: ReadonlyArray<{ variable: string; problem: string }>) {
    super(
      `Invalid configuration:\n${variables.map((v) => `  ${v.variable}: ${v.problem}`).join("\n")}\n` +
        "See .env.example for what each variable means.",
    );
    this.variables = variables;
  }
}

// === Schema

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(["0", "1", "true", "false", "yes", "no"], { error: "use 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "yes"),
);

const SEND_RATE_PROBLEM = "use a whole number from 1 to 1000, or off";

const envSchema = z.object({
  /** Telegram bot token from @BotFather. Absent: the terminal chat runs instead. */
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, { error: "does not look like a BotFather token (digits:letters)" })
      .optional(),
  ),
  /** Root of the Bot API server (a local Bot API server, or the fake one in tests). */
  TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url().default("https://api.telegram.org")),
  /** Which framework drives Telegram: grammY (default) or telegraf. */
  BOT_FRAMEWORK: z.preprocess(
    emptyToUndefined,
    z.enum(["grammy", "telegraf"], { error: "use grammy or telegraf" }).default("grammy"),
  ),
  /** Public HTTPS URL Telegram posts updates to. Absent: long polling. */
  WEBHOOK_URL: optionalUrl,
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{12,256}$/, { error: "use 12 to 256 characters of A-Z, a-z, 0-9, _ and -" })
      .optional(),
  ),
  /** Port the webhook server listens on. */
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  /** Host the webhook server binds to. */
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  /** pino log level. */
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  ),
  /** Folder of the YAML knowledge base. */
  INTENTS_DIR: z.preprocess(emptyToUndefined, z.string().default("intents")),
  /** Folder of the seed articles, for checking citations (skipped when it does not exist). */
  SEEDS_DIR: z.preprocess(emptyToUndefined, z.string().default("../shared/seeds")),
  /** The fact sheet, for checking citations (skipped when it does not exist). */
  FACTS_FILE: z.preprocess(emptyToUndefined, z.string().default("../shared/spec/legal-facts.md")),
  /**
   * Folder of the start-up cache of the validated knowledge base (rebuilt whenever a YAML file,
   * seed, the fact sheet or the validating code changes); `off` builds on every start.
   */
  INTENTS_CACHE: z.preprocess(emptyToUndefined, z.string().default("node_modules/.cache/overdue-helper")),
  /** Reload the knowledge base when its files change, keeping the last good one on errors. */
  INTENTS_WATCH: flag,
  /** Redis for state shared between instances (rate limits). Absent: memory. */
  REDIS_URL: optionalUrl,
  /**
   * Outgoing Bot API calls per second across all chats. Telegram's free limit is about 30; bots
   * with paid broadcasts may send up to 1,000 a second. `off`: no cap across chats (the per-chat
   * and per-group spacing stay; Telegram's 429 answers are then retried after the time it asks).
   */
  TELEGRAM_SEND_PER_SECOND: z.preprocess(
    emptyToUndefined,
    z.union([
      z.literal("off").transform(() => Number.POSITIVE_INFINITY),
      z.coerce.number({ error: SEND_RATE_PROBLEM }).int().min(1).max(1000),
    ], { error: SEND_RATE_PROBLEM }).default(30),
  ),
  /** Messages a user may send per window before the calm "slow down" reply. */
  RATE_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(20)),
  /** The rate-limit window in milliseconds. */
  RATE_WINDOW_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(60_000)),
  /** File for the opt-in log of unanswered questions (redacted text, no user ids). */
  UNANSWERED_LOG: optionalString,
});

// === Result

interface BaseConfig {
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  intentsDir: string;
  /** The start-up cache folder, or undefined when `INTENTS_CACHE=off`. */
  intentsCache: string | undefined;
  seedsDir: string;
  factsFile: string;
  watchIntents: boolean;
  redisUrl: string | undefined;
  rateLimit: { limit: number; windowMs: number };
  unansweredLog: string | undefined;
}

/** Telegram settings shared by polling and webhook modes. */
export interface TelegramSettings {
  token: string;
  apiRoot: string;
  framework: "grammy" | "telegraf";
  /**
   * Outgoing calls per second across all chats (the per-chat and per-group limits stay
   * Telegram's); infinite when `TELEGRAM_SEND_PER_SECOND=off`.
   */
  sendPerSecond: number;
}

/** How the bot runs: in the terminal, by long polling, or behind a webhook (which has its secret). */
export type RunMode =
  | { kind: "console" }
  | { kind: "polling"; telegram: TelegramSettings }
  | {
      kind: "webhook";
      telegram: TelegramSettings;
      webhook: { url: string; secret: string; port: number; host: string };
    };

/** The validated configuration. */
export type Config = BaseConfig & { mode: RunMode };

/**
 * Validates the environment once and returns the typed configuration.
 * @throws ConfigError naming every bad variable (the token's value is never included).
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = new Map<string, string>();
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? "environment");
      if (!problems.has(variable)) problems.set(variable, issue.message);
    }
    throw new ConfigError([...problems].map(([variable, problem]) => ({ variable, problem })));
  }
  const e = result.data;
  const base: BaseConfig = {
    logLevel: e.LOG_LEVEL,
    intentsDir: e.INTENTS_DIR,
    intentsCache: e.INTENTS_CACHE === "off" ? undefined : e.INTENTS_CACHE,
    seedsDir: e.SEEDS_DIR,
    factsFile: e.FACTS_FILE,
    watchIntents: e.INTENTS_WATCH,
    redisUrl: e.REDIS_URL,
    rateLimit: { limit: e.RATE_LIMIT, windowMs: e.RATE_WINDOW_MS },
    unansweredLog: e.UNANSWERED_LOG,
  };
  if (!e.TELEGRAM_BOT_TOKEN) {
    if (e.WEBHOOK_URL) {
      throw new ConfigError([{ variable: "TELEGRAM_BOT_TOKEN", problem: "is required when WEBHOOK_URL is set" }]);
    }
    return { ...base, mode: { kind: "console" } };
  }
  const telegram: TelegramSettings = {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    framework: e.BOT_FRAMEWORK,
    sendPerSecond: e.TELEGRAM_SEND_PER_SECOND,
  };
  if (!e.WEBHOOK_URL) return { ...base, mode: { kind: "polling", telegram } };
  if (!e.WEBHOOK_SECRET) {
    throw new ConfigError([
      { variable: "WEBHOOK_SECRET", problem: "is required with WEBHOOK_URL: the webhook refuses to run unauthenticated" },
    ]);
  }
  return {
    ...base,
    mode: {
      kind: "webhook",
      telegram,
      webhook: { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.PORT, host: e.HOST },
    },
  };
}

/**
 * The configured values no log line or error may show: the bot token, the webhook secret and the
 * password inside `REDIS_URL`. Pass them to `createLogger`, which masks them.
 */
export function secretsOf(config: Config): string[] {
  const secrets: string[] = [];
  if (config.mode.kind !== "console") secrets.push(config.mode.telegram.token);
  if (config.mode.kind === "webhook") secrets.push(config.mode.webhook.secret);
  if (config.redisUrl) {
    const password = new URL(config.redisUrl).password;
    if (password) secrets.push(password, decodeURIComponent(password));
  }
  return secrets;
}
