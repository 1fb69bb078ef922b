/**
 * Helpers of the end-to-end section: posting updates to a webhook over loopback, reading a
 * process's CPU time, and matching posted updates to the sendMessage calls the fake Bot API saw.
 */
import { existsSync, readFileSync } from "node:fs";
import { type Agent, request } from "node:http";
import type { FakeBotApi } from "../../tests/support/fake-bot-api.ts";
import { percentile } from "./stats.ts";

/** Latency of updates, in ms. */
export interface UpdateLatency {
  /** POST of the update → the webhook's 200, sent once the reply's sendMessage was answered. */
  roundTripP50: number;
  roundTripP99: number;
  /** The slowest round trip: a single straggler that stretches a burst shows here, not in the p99. */
  roundTripMax: number;
  /** POST of the update → the fake Bot API receiving sendMessage (the fake's clock has 1 ms steps). */
  toSendMessageP50: number;
  toSendMessageP99: number;
  toSendMessageMax: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** User + system CPU time of a process in ms, from /proc; NaN where /proc is missing. */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  // Fields after the command name (which is in parentheses and may hold spaces).
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / USER_HZ) * 1000;
}

/** Resident memory of a process in MB, from /proc (VmRSS); NaN where /proc is missing. */
export function rssMbOf(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return Number.NaN;
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

/** Posts one update (its JSON body) to the webhook; resolves with the HTTP status. */
export function postUpdate(agent: Agent, port: number, path: string, secret: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          "x-telegram-bot-api-secret-token": secret,
        },
      },
      (res) => {
        res.on("error", reject);
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One update the bench posted. */
export interface Sent {
  /** The private chat (and user) it came from; the reply is matched by it. */
  chatId: number;
  /** Date.now() when it was posted (the fake Bot API stamps calls with Date.now()). */
  postedAt: number;
  /** POST → the webhook's 200, ms. */
  roundTripMs: number;
}

/** Latencies of sent updates, matched to the sendMessage calls the fake recorded. */
export function latencyOf(sent: readonly Sent[], fake: FakeBotApi, since: number): UpdateLatency & { unanswered: number } {
  const sendAt = new Map<string, number>();
  for (const call of fake.callsOf("sendMessage", since)) {
    const key = String(call.payload["chat_id"]);
    if (!sendAt.has(key)) sendAt.set(key, call.at);
  }
  const toSend: number[] = [];
  for (const s of sent) {
    const at = sendAt.get(String(s.chatId));
    if (at !== undefined) toSend.push(at - s.postedAt);
  }
  const rt = sent.map((s) => s.roundTripMs).sort((a, b) => a - b);
  toSend.sort((a, b) => a - b);
  return {
    roundTripP50: percentile(rt, 0.5),
    roundTripP99: percentile(rt, 0.99),
    roundTripMax: rt.length ? rt[rt.length - 1]! : Number.NaN,
    toSendMessageP50: percentile(toSend, 0.5),
    toSendMessageP99: percentile(toSend, 0.99),
    toSendMessageMax: toSend.length ? toSend[toSend.length - 1]! : Number.NaN,
    unanswered: sent.length - toSend.length,
  };
}
