/**
 * Callback data: a short versioned code for a button's action, at most 64 bytes (Telegram's
 * limit) and ASCII only. `v1:i:<intent>`, `v1:s:<stage>`, `v1:t:<topic>`, `v1:m:<menu>`.
 * Decoding never throws: anything unknown, malformed or from another version is `undefined`.
 */
import type { Action } from "./types.ts";

const VERSION = "v1";
const CODE: Readonly<Record<Action["kind"], string>> = { intent: "i", stage: "s", topic: "t", menu: "m" };
const KIND: Readonly<Record<string, Action["kind"]>> = { i: "intent", s: "stage", t: "topic", m: "menu" };

/** Telegram's limit on callback data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** Encodes an action as callback data. */
export function encodeAction(action: Action): string {
  const data = `${VERSION}:${CODE[action.kind]}:${action.id}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES || !/^[\x21-\x7e]+$/.test(data)) {
    throw new Error(`Callback data '${data}' is not 1-64 bytes of printable ASCII; shorten the id '${action.id}'`);
  }
  return data;
}

/** Decodes callback data; `undefined` for anything that is not a well-formed v1 code. */
export function decodeAction(data: string): Action | undefined {
  if (data.length > MAX_CALLBACK_BYTES) return undefined;
  const m = /^v1:([istm]):([a-z][a-z0-9_]{0,47})$/.exec(data);
  if (!m) return undefined;
  return { kind: KIND[m[1]!]!, id: m[2]! };
}
