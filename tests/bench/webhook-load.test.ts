/**
 * The end-to-end bench's readings of a process from /proc: CPU time and resident memory. A
 * broken reading would print "n/a" in every run without failing anything else.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cpuMsOf, latencyOf, rssMbOf, type Sent } from "../../bench/lib/webhook-load.ts";
import type { ApiCall, FakeBotApi } from "../../tests/support/fake-bot-api.ts";

const hasProc = existsSync(`/proc/${process.pid}/status`);

describe("process readings from /proc", () => {
  it.runIf(hasProc)("reads this process's resident memory in MB, close to what Node reports", () => {
    const reported = process.memoryUsage().rss / 2 ** 20;
    const read = rssMbOf(process.pid);
    expect(read).toBeGreaterThan(reported * 0.8);
    expect(read).toBeLessThan(reported * 1.25);
  });

  it.runIf(hasProc)("reads CPU time that grows while this process computes", () => {
    const before = cpuMsOf(process.pid);
    const until = performance.now() + 100;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuMsOf(process.pid)).toBeGreaterThan(before);
  });

  it("gives NaN for a process that is not there", () => {
    expect(rssMbOf(undefined)).toBeNaN();
    expect(cpuMsOf(undefined)).toBeNaN();
    expect(rssMbOf(2 ** 22 + 7)).toBeNaN(); // above Linux's largest pid
  });
});

describe("burst latencies", () => {
  // Only callsOf is read; the rest of the fake is not needed to match replies to updates.
  const fakeWith = (calls: ApiCall[]) =>
    ({ callsOf: (method: string, since = 0) => calls.slice(since).filter((c) => c.method === method) }) as unknown as FakeBotApi;
  const reply = (seq: number, chatId: number, at: number): ApiCall => ({ method: "sendMessage", payload: { chat_id: chatId, text: "…" }, seq, at });

  it("matches replies by chat from the phase's first call, and reports the slowest update beside the percentiles", () => {
    const sent: Sent[] = Array.from({ length: 100 }, (_, i) => ({ chatId: 1000 + i, postedAt: 10_000, roundTripMs: 5 + (i % 10) }));
    sent[42] = { chatId: 1042, postedAt: 10_000, roundTripMs: 1040 };
    const calls = [
      reply(0, 1000, 0), // an earlier phase's reply to the same chat: ignored
      ...sent.filter((s) => s.chatId !== 1099).map((s, i) => reply(i + 1, s.chatId, s.postedAt + (s.chatId === 1042 ? 1030 : 3))),
    ];
    const latency = latencyOf(sent, fakeWith(calls), 1);
    expect(latency.unanswered).toBe(1);
    expect(latency.roundTripMax).toBe(1040);
    expect(latency.roundTripP99).toBeLessThan(20);
    expect(latency.toSendMessageMax).toBe(1030);
    expect(latency.toSendMessageP50).toBe(3);
  });
});
