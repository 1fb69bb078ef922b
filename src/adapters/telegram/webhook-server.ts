/**
 * The webhook's HTTP server (node:http, no framework): POST on the webhook path with the right
 * `X-Telegram-Bot-Api-Secret-Token` delivers an update; anything else on that path is 401;
 * `GET /healthz` answers 200 "ok" for load balancers. Closing stops new requests and waits for
 * the updates being handled.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { describeError } from "../../logger.ts";
import type { TgUpdate } from "./bot-api.ts";

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** Path Telegram posts to (the path of WEBHOOK_URL). */
  path: string;
  /** The secret Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`. */
  secret: string;
  /** Handles one update; its errors are logged and answered 500. */
  handleUpdate(update: TgUpdate): Promise<void>;
  logger: Logger;
  /** Answer Telegram after this long even if the update is still being handled (it is, in the background). */
  answerWithinMs?: number | undefined;
}

/** A running webhook server. */
export interface WebhookServer {
  /** Starts listening; resolves with the bound address. */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking requests and resolves when in-flight updates are done. */
  close(): Promise<void>;
}

/** Updates are a few kilobytes; anything over a mebibyte is not from Telegram. */
const MAX_BODY_BYTES = 1 << 20;
/** The header Telegram carries the webhook secret in (Node lower-cases header names). */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Constant-time comparison of the secret header, so timing reveals nothing about the secret. */
function hasSecret(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[SECRET_HEADER];
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the body, refusing more than {@link MAX_BODY_BYTES}. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const answer = (res: ServerResponse, status: number, body = "") => {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
};

/** Creates the webhook server (not yet listening). */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { path, secret, handleUpdate, logger, answerWithinMs = 10_000 } = options;
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) return answer(res, 200, "ok");
    if (url.pathname !== path) return answer(res, 404, "not found");
    if (req.method !== "POST" || !hasSecret(req, secret)) {
      logger.warn({ event: "webhook.refused", method: req.method });
      return answer(res, 401, "unauthorized");
    }
    if (closing) return answer(res, 503, "shutting down");
    const body = Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES ? undefined : await readBody(req);
    if (body === undefined) {
      res.setHeader("connection", "close");
      return answer(res, 413, "too large");
    }
    let update: TgUpdate;
    try {
      update = JSON.parse(body) as TgUpdate;
    } catch {
      return answer(res, 400, "bad json");
    }
    if (typeof update?.update_id !== "number") return answer(res, 400, "not an update");
    const work = handleUpdate(update);
    inFlight.add(work);
    const settled = work.finally(() => inFlight.delete(work));
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<"slow">((resolve) => (timer = setTimeout(() => resolve("slow"), answerWithinMs)));
    try {
      const outcome = await Promise.race([settled, slow]);
      if (outcome === "slow") logger.warn({ event: "webhook.slow_update", update_id: update.update_id });
      answer(res, 200);
    } catch (error) {
      logger.error({ event: "webhook.update_failed", update_id: update.update_id, err: describeError(error) });
      answer(res, 500, "error");
    } finally {
      clearTimeout(timer);
    }
  }

  const requests = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const request = onRequest(req, res)
      .catch((error: unknown) => {
        logger.error({ event: "webhook.request_failed", err: describeError(error) });
        if (!res.headersSent) answer(res, 500, "error");
      })
      .finally(() => requests.delete(request));
    requests.add(request);
  });

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Answer the requests being handled, finish updates still running in the background,
      // then drop the idle keep-alive connections (and, after a grace period, any others).
      await Promise.allSettled([...requests]);
      await Promise.allSettled([...inFlight]);
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 2000);
      await closed;
      clearTimeout(grace);
    },
  };
}
