/** Our matcher and our whole responder, wrapped as benchmark engines. */
import { createCore } from "../../src/core.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { type Engine, timed } from "./engine.ts";

/** Our matcher (`createMatcher`): normalise, fuse.js token search, coverage scoring. */
export function createOurMatcherEngine(kb: KnowledgeBase): Engine {
  const { value: core, ms } = timed(() => createCore(kb));
  return {
    name: "ours: matcher",
    setup: "createMatcher(kb): normaliser + FUSE_OPTIONS token search + coverage scoring",
    buildMs: ms,
    topTopic: (question) => core.matcher.match(question).candidates[0]?.intent.topic,
  };
}

/**
 * Our full in-process path: `respond()` on a private-chat message (match, decide, compose the
 * reply). Its topic is the topic of the reply it chose, so it is `undefined` for fallbacks,
 * clarifications and out-of-scope replies; the table shows its speed, not its top-1 accuracy.
 */
export function createOurRespondEngine(kb: KnowledgeBase): Engine {
  const { value: core, ms } = timed(() => createCore(kb));
  return {
    name: "ours: respond()",
    setup: "createCore(kb).respond({ text, chat: 'private', addressed: true })",
    buildMs: ms,
    topTopic: (question) => core.respond({ text: question, chat: "private", addressed: true })?.topic?.id,
  };
}
