/**
 * A fake Telegram Bot API on 127.0.0.1 (node:http) for end-to-end tests. It speaks enough of
 * the real protocol for grammY and telegraf: `getMe`, long-polling `getUpdates` with offset and
 * timeout (a request is held until an update is queued or the timeout passes), `sendMessage`,
 * `editMessageText`, `answerCallbackQuery`, `answerInlineQuery`, `setMyCommands`, `setWebhook`,
 * `deleteWebhook`, `getWebhookInfo`. Every call is recorded. Tests can hold the next call of a
 * method until they release it, and inject faults into the next calls of a method: a Bot API
 * error (a 400, a 429 with `parameters.retry_after`, a 500 or 502), a slow answer, or a dropped
 * connection (the socket is destroyed where the answer would have gone; for `getUpdates` that
 * is after the updates were picked, so the batch is lost in transit). Injected faults are
 * counted, and a call counts as delivered only when its answer was written to a live socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** JSON as the bot sent it; `any` because tests read payloads loosely, by field. */
export type Json = Record<string, any>;

/** One recorded Bot API call. */
export interface ApiCall {
  method: string;
  payload: Json;
  /** Index in `calls`, to wait for calls after a point. */
  seq: number;
  at: number;
  /** What the fake answered (`result` of a successful call), set only once written to a live socket. */
  result?: Json | boolean | undefined;
  /** The fault injected into this call, if any. */
  fault?: Fault["kind"] | undefined;
}

/** A Bot API error the fake answers with. */
export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** A fault to inject into one call: a Bot API error, an answer after `ms`, or a dropped connection. */
export type Fault =
  | ({ kind: "error" } & ApiFailure)
  | { kind: "slow"; ms: number }
  | { kind: "drop" };

/** A fault that was injected, for counting. */
export interface InjectedFault {
  method: string;
  kind: Fault["kind"];
  /** The error code, for `error` faults. */
  code?: number | undefined;
  seq: number;
}

/** The bot account the fake reports from getMe. */
export const FAKE_BOT = {
  id: 4242,
  is_bot: true,
  first_name: "逾期应对助手",
  username: "overdue_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
} as const;

/** A running fake. */
export interface FakeBotApi {
  /** API root to pass as TELEGRAM_API_ROOT. */
  url: string;
  calls: ApiCall[];
  /** Queues an update (its `update_id` is assigned) and returns the id. */
  push(update: Json): number;
  /** Queues several updates at once, so one `getUpdates` answer carries them all; returns their ids. */
  pushAll(updates: readonly Json[]): number[];
  /**
   * Resolves with the first call (from `since` on) that matches, or rejects after `timeoutMs`;
   * checked whenever a call arrives or is answered (so `c.result !== undefined` waits for delivery).
   */
  waitFor(match: (call: ApiCall) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<ApiCall>;
  /** Calls of a method, from `since` on. */
  callsOf(method: string, since?: number): ApiCall[];
  /** Makes the next call of `method` fail once with the given error. */
  failNext(method: string, failure: ApiFailure): void;
  /** Queues faults for the next calls of `method`, one call each, in order. */
  injectFaults(method: string, faults: readonly Fault[]): void;
  /** Faults queued for `method` and not yet injected. */
  pendingFaults(method: string): number;
  /** Every fault injected so far. */
  readonly faults: readonly InjectedFault[];
  /** Holds the next call of `method` until `release()`; `arrived` resolves when it comes in. */
  holdNext(method: string): { arrived: Promise<ApiCall>; release(): void; gone: Promise<void> };
  /** A fresh message id, for building updates. */
  nextMessageId(): number;
  /** Connections from clients the server holds open now, idle keep-alive ones included. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@link startFakeBotApi}. */
export interface FakeBotApiOptions {
  /**
   * How long the server keeps an idle connection, ms (Node's default is 5,000); it announces it
   * in a `Keep-Alive: timeout=…` header, as HTTP servers do.
   */
  keepAliveTimeoutMs?: number | undefined;
}

interface Waiter {
  offset: number;
  limit: number;
  respond(updates: Json[]): void;
}

/** Starts the fake on a free port; only requests for `token` are served (others get 401). */
export async function startFakeBotApi(token: string, options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const calls: ApiCall[] = [];
  let queue: Json[] = [];
  let updateId = 1000;
  let messageId = 5000;
  let waiters: Waiter[] = [];
  const failures = new Map<string, Fault[]>();
  const injected: InjectedFault[] = [];
  const holds = new Map<string, Array<{ arrive(call: ApiCall): void; released: Promise<void>; left(): void }>>();
  const listeners = new Set<() => void>();
  const webhook = { url: "", secret_token: "" };

  const available = (offset: number, limit: number) => queue.filter((u) => u["update_id"] >= offset).slice(0, limit);
  const wake = () => {
    const still: Waiter[] = [];
    for (const w of waiters) {
      const updates = available(w.offset, w.limit);
      if (updates.length) w.respond(updates);
      else still.push(w);
    }
    waiters = still;
  };
  const botMessage = (payload: Json, id = ++messageId): Json => {
    const chatId = Number(payload["chat_id"]);
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: chatId < 0 ? "supergroup" : "private" },
      from: { id: FAKE_BOT.id, is_bot: true, first_name: FAKE_BOT.first_name, username: FAKE_BOT.username },
      text: String(payload["text"] ?? ""),
      ...(payload["reply_markup"] ? { reply_markup: payload["reply_markup"] } : {}),
    };
  };

  /** Answers a method (a long-polling getUpdates answers later). */
  function result(method: string, payload: Json, reply: (body: Json, status?: number) => void, req: IncomingMessage): void {
    switch (method) {
      case "getMe":
        return reply({ ok: true, result: FAKE_BOT });
      case "getUpdates": {
        const offset = Number(payload["offset"] ?? 0);
        const limit = Number(payload["limit"] ?? 100) || 100;
        const timeout = Number(payload["timeout"] ?? 0);
        if (offset > 0) queue = queue.filter((u) => u["update_id"] >= offset);
        const updates = available(offset, limit);
        if (updates.length || timeout <= 0) return reply({ ok: true, result: updates });
        const waiter: Waiter = {
          offset,
          limit,
          respond: (ups) => {
            clearTimeout(timer);
            reply({ ok: true, result: ups });
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reply({ ok: true, result: [] });
        }, timeout * 1000);
        req.once("close", () => {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== waiter);
        });
        waiters.push(waiter);
        return;
      }
      case "sendMessage":
        return reply({ ok: true, result: botMessage(payload) });
      case "editMessageText":
        return reply({ ok: true, result: botMessage(payload, Number(payload["message_id"])) });
      case "answerCallbackQuery":
      case "answerInlineQuery":
      case "setMyCommands":
        return reply({ ok: true, result: true });
      case "setWebhook":
        webhook.url = String(payload["url"] ?? "");
        webhook.secret_token = String(payload["secret_token"] ?? "");
        return reply({ ok: true, result: true });
      case "deleteWebhook":
        webhook.url = "";
        return reply({ ok: true, result: true });
      case "getWebhookInfo":
        return reply({ ok: true, result: { url: webhook.url, has_custom_certificate: false, pending_update_count: queue.length } });
      default:
        return reply({ ok: false, error_code: 404, description: "Not Found: method not found" }, 404);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let call: ApiCall | undefined;
    // The client may go away while a call is held or slow (a killed bot): its answer is then lost.
    let gone = false;
    res.once("close", () => {
      if (!res.writableEnded) gone = true;
    });
    const send = (body: Json, status = 200) => {
      if (gone || res.writableEnded || res.destroyed) return;
      if (call && body["ok"]) call.result = body["result"];
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      // Waiters may be looking for a delivered call (one with a result).
      for (const listener of listeners) listener();
    };
    let reply = send;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m || decodeURIComponent(m[1]!) !== token) return reply({ ok: false, error_code: 401, description: "Unauthorized" }, 401);
    const method = m[2]!;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const payload: Json = Object.fromEntries(url.searchParams);
    if (raw) {
      const type = String(req.headers["content-type"] ?? "");
      Object.assign(payload, type.includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw)));
    }
    call = { method, payload, seq: calls.length, at: Date.now() };
    calls.push(call);
    for (const listener of listeners) listener();
    const hold = holds.get(method)?.shift();
    if (hold) {
      res.once("close", () => {
        if (!res.writableEnded) hold.left();
      });
      hold.arrive(call);
      await hold.released;
    }
    const fault = failures.get(method)?.shift();
    if (fault) {
      call.fault = fault.kind;
      injected.push({ method, kind: fault.kind, code: fault.kind === "error" ? fault.error_code : undefined, seq: call.seq });
      if (fault.kind === "error") {
        const { kind: _, ...failure } = fault;
        return send({ ok: false, ...failure }, failure.error_code);
      }
      if (fault.kind === "slow") reply = (body, status) => void setTimeout(() => send(body, status), fault.ms);
      if (fault.kind === "drop") reply = () => void req.socket.destroy();
    }
    result(method, payload, reply, req);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    push(update) {
      const id = ++updateId;
      queue.push({ ...update, update_id: id });
      wake();
      return id;
    },
    pushAll(updates) {
      const ids = updates.map((update) => {
        const id = ++updateId;
        queue.push({ ...update, update_id: id });
        return id;
      });
      wake();
      return ids;
    },
    waitFor(match, { since = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.slice(since).find(match);
          if (!found) return false;
          finish();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          const seen = calls.slice(since).map((c) => c.method).join(", ");
          reject(new Error(`fake Bot API: no matching call within ${timeoutMs} ms (calls since: ${seen || "none"})`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = () => void check();
        if (!check()) listeners.add(listener);
      });
    },
    callsOf: (method, since = 0) => calls.slice(since).filter((c) => c.method === method),
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), { kind: "error", ...failure }]);
    },
    injectFaults(method, faults) {
      failures.set(method, [...(failures.get(method) ?? []), ...faults]);
    },
    pendingFaults: (method) => failures.get(method)?.length ?? 0,
    faults: injected,
    holdNext(method) {
      let release = () => {};
      let arrive: (call: ApiCall) => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrived = new Promise<ApiCall>((resolve) => (arrive = resolve));
      let left = () => {};
      const gone = new Promise<void>((resolve) => (left = resolve));
      holds.set(method, [...(holds.get(method) ?? []), { arrive, released, left }]);
      return { arrived, release, gone };
    },
    nextMessageId: () => ++messageId,
    openConnections: () =>
      new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close() {
      for (const w of waiters) w.respond([]);
      waiters = [];
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
