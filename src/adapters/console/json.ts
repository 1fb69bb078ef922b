/** The `--json` shape of a reply: one object a question, for scripts and evaluations. */
import { renderPlainText } from "../../dialogue/render/plain-text.ts";
import type { Reply } from "../../dialogue/types.ts";

/** A reply as one JSON-ready object. */
export interface JsonReply {
  question: string;
  kind: Reply["kind"];
  intent: string | null;
  topic: string | null;
  stage: string | null;
  confidence: number;
  candidates: Reply["candidates"];
  rights: string[];
  sources: string[];
  facts: Reply["facts"];
  text: string;
  quickReplies: string[];
}

/** Converts a reply (or silence) to its JSON shape. */
export function toJson(question: string, reply: Reply | null): JsonReply {
  return {
    question,
    kind: reply?.kind ?? "fallback",
    intent: reply?.intent ?? null,
    topic: reply?.topic?.id ?? null,
    stage: reply?.stage?.id ?? null,
    confidence: Math.round((reply?.confidence ?? 0) * 1000) / 1000,
    candidates: reply?.candidates ?? [],
    rights: reply?.rights.map((r) => r.id) ?? [],
    sources: reply?.sources.map((s) => s.label) ?? [],
    facts: reply?.facts ?? {},
    text: reply ? renderPlainText(reply) : "",
    quickReplies: reply?.quickReplies.map((q) => q.label) ?? [],
  };
}
