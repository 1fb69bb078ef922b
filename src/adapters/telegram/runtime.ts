/**
 * Running a driver: long polling (the shared loop of `polling.ts`), or the webhook server plus
 * `setWebhook`. Both give back a {@link TelegramRuntime} whose `stop()` stops taking updates and
 * resolves when the updates in flight are done.
 */
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { ALLOWED_UPDATES } from "./bot-api.ts";
import type { TelegramDriver } from "./driver.ts";
import { TelegramStartError } from "./errors.ts";
import { createPollingLoop } from "./polling.ts";
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

/**
 * Removes any webhook (Telegram refuses `getUpdates` while one is set), then starts long polling
 * in the background.
 * @throws TelegramStartError when the webhook cannot be removed
 */
export async function runPolling(driver: TelegramDriver, logger: Logger): Promise<TelegramRuntime> {
  try {
    // Pending updates are kept: they are what users are waiting for an answer to.
    await driver.api.deleteWebhook({ drop_pending_updates: false });
  } catch (error) {
    throw new TelegramStartError("webhook", error);
  }
  const loop = createPollingLoop({
    getUpdates: (params, signal) => driver.getUpdates(params, signal),
    handleUpdate: (update) => driver.handleUpdate(update),
    logger,
  });
  return {
    mode: "polling",
    stopped: loop.done,
    stop: () => loop.stop(),
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
