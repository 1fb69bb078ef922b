/**
 * The shared long-polling loop against a scripted getUpdates: an update is confirmed (a later
 * call carries an offset past it) only after it was handled; failures are retried, never fatal
 * except a revoked token or a conflict; stopping finishes the batch in flight and confirms it.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { TgUpdate } from "../../src/adapters/telegram/bot-api.ts";
import { createPollingLoop, PollingFailedError, type GetUpdatesParams } from "../../src/adapters/telegram/polling.ts";
import { createLogger } from "../../src/logger.ts";

const logger = createLogger("silent", { destination: new Writable({ write: (_c, _e, done) => done() }) });

const message = (update_id: number, chat: number): TgUpdate => ({
  update_id,
  message: { message_id: update_id, date: 1, chat: { id: chat, type: "private" }, text: "hi" },
});

const apiError = (error_code: number, retry_after?: number) =>
  Object.assign(new Error(`api ${error_code}`), { error_code, description: `error ${error_code}`, parameters: retry_after ? { retry_after } : {} });

/** A scripted Bot API: each getUpdates call takes the next step (a batch or an error); then it waits to be aborted. */
function scripted(steps: Array<TgUpdate[] | Error>) {
  const calls: GetUpdatesParams[] = [];
  const getUpdates = (params: GetUpdatesParams, signal: AbortSignal): Promise<TgUpdate[]> => {
    calls.push(params);
    if (params.timeout === 0) return Promise.resolve([]);
    const step = steps.shift();
    if (step instanceof Error) return Promise.reject(step);
    if (step) return Promise.resolve(step);
    return new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true }));
  };
  return { calls, getUpdates };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await tick();
  expect(condition()).toBe(true);
}

describe("createPollingLoop", () => {
  it("asks past an update only after it was handled, and confirms the last batch on stop", async () => {
    const api = scripted([[message(7, 1), message(8, 2)], [message(9, 1)]]);
    const handled: number[] = [];
    let finish9 = () => {};
    const loop = createPollingLoop({
      getUpdates: api.getUpdates,
      logger,
      handleUpdate: async (u) => {
        if (u.update_id === 9) await new Promise<void>((r) => (finish9 = r));
        handled.push(u.update_id);
      },
    });
    await until(() => handled.length === 2 && api.calls.length === 2);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 9]);
    // 9 is in flight: stopping waits for it, and nothing past 9 was asked for meanwhile.
    const stopped = loop.stop();
    await tick();
    expect(api.calls.every((c) => c.offset <= 9)).toBe(true);
    finish9();
    await stopped;
    expect(handled).toEqual([7, 8, 9]);
    expect(api.calls.at(-1)).toMatchObject({ offset: 10, timeout: 0, limit: 1 });
  });

  it("keeps one chat's updates in order and runs other chats alongside", async () => {
    const api = scripted([[message(1, 1), message(2, 1), message(3, 2)]]);
    const events: string[] = [];
    let release = () => {};
    const loop = createPollingLoop({
      getUpdates: api.getUpdates,
      logger,
      handleUpdate: async (u) => {
        events.push(`start ${u.update_id}`);
        if (u.update_id === 1) await new Promise<void>((r) => (release = r));
        events.push(`end ${u.update_id}`);
      },
    });
    await until(() => events.includes("end 3"));
    expect(events).toEqual(["start 1", "start 3", "end 3"]);
    release();
    await until(() => events.includes("end 2"));
    expect(events.slice(3)).toEqual(["end 1", "start 2", "end 2"]);
    await loop.stop();
  });

  it("retries 5xx, network failures and 429 (waiting retry_after), and survives a handler that throws", async () => {
    const network = Object.assign(new Error("socket hang up"), { name: "HttpError" });
    const api = scripted([apiError(502), network, apiError(429, 3), [message(4, 1)], apiError(500), [message(5, 1)]]);
    const waits: number[] = [];
    const handled: number[] = [];
    const loop = createPollingLoop({
      getUpdates: api.getUpdates,
      logger,
      initialBackoffMs: 100,
      sleep: async (ms) => void waits.push(ms),
      handleUpdate: async (u) => {
        handled.push(u.update_id);
        if (u.update_id === 4) throw new Error("handler bug");
      },
    });
    await until(() => handled.length === 2 && api.calls.length === 7);
    expect(waits).toEqual([100, 200, 3000, 100]);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 0, 0, 0, 5, 5, 6]);
    await loop.stop();
  });

  it.each([401, 409])("stops for good on %i and says why", async (code) => {
    const api = scripted([apiError(code)]);
    const loop = createPollingLoop({ getUpdates: api.getUpdates, logger, handleUpdate: async () => {} });
    await expect(loop.done).rejects.toBeInstanceOf(PollingFailedError);
    await expect(loop.done).rejects.toMatchObject({ code });
  });

  it("skips updates it already handled when a retried call returns them again", async () => {
    const api = scripted([[message(10, 1)], [message(10, 1), message(11, 1)]]);
    const handled: number[] = [];
    const loop = createPollingLoop({ getUpdates: api.getUpdates, logger, handleUpdate: async (u) => void handled.push(u.update_id) });
    await until(() => handled.length === 2);
    expect(handled).toEqual([10, 11]);
    await loop.stop();
  });
});
