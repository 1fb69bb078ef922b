/**
 * The contract between the framework-free Telegram runtime (polling, webhook server, signals)
 * and a framework adapter. `src/adapters/grammy/` and `src/adapters/telegraf/` each implement it;
 * nothing else in the app knows which framework runs.
 */
import type { Logger } from "pino";
import type { TelegramSettings } from "../../config.ts";
import type { Respond } from "../../dialogue/respond.ts";
import type { UnansweredLog } from "../../privacy/unanswered-log.ts";
import type { TelegramApi, TgUpdate } from "./bot-api.ts";
import type { GetUpdates } from "./polling.ts";
import type { CounterStore } from "./rate-limit.ts";
import type { BotIdentity } from "./route.ts";

/** What a driver is built from. */
export interface DriverOptions {
  telegram: TelegramSettings;
  respond: Respond;
  /** Per-user incoming limit: messages per window, counted in `store` (shared Redis) or in memory. */
  rateLimit: { limit: number; windowMs: number; store?: CounterStore | undefined };
  logger: Logger;
  /** Where questions the bot could not answer well are recorded (opt-in). */
  unanswered?: UnansweredLog | undefined;
}

/** One bot, driven by one framework. */
export interface TelegramDriver {
  /** Outgoing calls, with the framework's retry and throttling. */
  readonly api: TelegramApi;
  /** Calls `getMe` and prepares the middleware; must run before anything else. */
  init(): Promise<BotIdentity>;
  /** Handles one update (webhook and polling); handler errors go to the framework's catch, never out. */
  handleUpdate(update: TgUpdate): Promise<void>;
  /**
   * One raw `getUpdates` call, without the framework's retries or throttling: the shared polling
   * loop (`polling.ts`) retries and decides when an update is confirmed.
   */
  getUpdates: GetUpdates;
}

/** Creates a driver. */
export type CreateDriver = (options: DriverOptions) => TelegramDriver;
