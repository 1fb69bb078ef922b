/**
 * Running a driver: long polling, or the webhook server plus `setWebhook`. Both give back a
 * {@link TelegramRuntime} whose `stop()` stops taking updates and resolves when the updates in
 * flight are done.
 */
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { ALLOWED_UPDATES } from "./bot-api.ts";
import type { TelegramDriver } from "./driver.ts";
import { TelegramStartError } from "./errors.ts";
import { createWebhookServer } from "./webhook-server.ts";

/** A running bot. */
export interface TelegramRuntime {
  mode: "polling" | "webhook";
  /** The webhook server's address (webhook mode). */
  address?: AddressInfo | undefined;
  /** Settles when the bot has stopped; rejects if polling failed for good (token revoked, another instance polling). */
  stopped: Promise<void>;
  /** Stops taking updates and resolves when in-flight updates are done. */
  stop(): Promise<void>;
}

/** Starts long polling (it runs in the background). */
export function runPolling(driver: TelegramDriver): TelegramRuntime {
  const stopped = driver.startPolling();
  return {
    mode: "polling",
    stopped,
    async stop() {
      await driver.stopPolling();
      await stopped;
    },
  };
}

/** Webhook settings from the configuration. */
export interface WebhookSettings {
  url: string;
  secret: string;
  port: number;
  host: string;
}

/** Starts the webhook server, then registers the webhook with its secret. */
export async function runWebhook(driver: TelegramDriver, webhook: WebhookSettings, logger: Logger): Promise<TelegramRuntime> {
  const path = new URL(webhook.url).pathname || "/";
  const server = createWebhookServer({ path, secret: webhook.secret, handleUpdate: (u) => driver.handleUpdate(u), logger });
  let address: AddressInfo;
  try {
    address = await server.listen(webhook.port, webhook.host);
  } catch (error) {
    throw new TelegramStartError("webhook", error);
  }
  try {
    await driver.api.setWebhook({ url: webhook.url, secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES });
  } catch (error) {
    await server.close();
    throw new TelegramStartError("webhook", error, [webhook.secret]);
  }
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  return {
    mode: "webhook",
    address,
    stopped,
    async stop() {
      await server.close();
      resolveStopped();
    },
  };
}
