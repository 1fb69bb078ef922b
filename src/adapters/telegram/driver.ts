/**
 * The contract between the framework-free Telegram runtime (polling, webhook server, signals)
 * and a framework adapter. `src/adapters/grammy/` and `src/adapters/telegraf/` each implement it;
 * nothing else in the app knows which framework runs.
 */
import type { Logger } from "pino";
import type { TelegramSettings } from "../../config.ts";
import type { Respond } from "../../dialogue/respond.ts";
import type { ALLOWED_UPDATES, TelegramApi, TgUpdate } from "./bot-api.ts";
import type { BotIdentity } from "./route.ts";

/** What a driver is built from. */
export interface DriverOptions {
  telegram: TelegramSettings;
  respond: Respond;
  /** Per-user incoming limit: messages per window. */
  rateLimit: { limit: number; windowMs: number };
  logger: Logger;
}

/** One bot, driven by one framework. */
export interface TelegramDriver {
  /** Outgoing calls, with the framework's retry and throttling. */
  readonly api: TelegramApi;
  /** Calls `getMe` and prepares the middleware; must run before anything else. */
  init(): Promise<BotIdentity>;
  /** Handles one update (webhook mode); handler errors go to the framework's catch, never out. */
  handleUpdate(update: TgUpdate): Promise<void>;
  /** Long polling for {@link ALLOWED_UPDATES}; resolves once {@link stopPolling} was called and in-flight updates are done. */
  startPolling(): Promise<void>;
  /** Stops taking updates (the promise of {@link startPolling} resolves when the last one is done). */
  stopPolling(): Promise<void>;
}

/** Creates a driver. */
export type CreateDriver = (options: DriverOptions) => TelegramDriver;
