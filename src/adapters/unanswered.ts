/**
 * Which exchanges go to the opt-in unanswered-questions log, decided once for every adapter (the
 * Telegram handler and the terminal chat): typed questions the core could not answer well. Button
 * presses carry no text and inline queries are half-typed drafts, so neither is recorded.
 */
import type { Incoming, Reply, ReplyKind } from "../dialogue/types.ts";
import type { UnansweredLog } from "../privacy/unanswered-log.ts";

/** The reply kinds that mean "not answered": no match, outside the bot's scope, or "did you mean". */
export const UNANSWERED_KINDS: ReadonlySet<ReplyKind> = new Set<ReplyKind>(["fallback", "out_of_scope", "clarify"]);

/** `/ask question` (also `/ask@bot question`): only the question is worth keeping. */
const ASK_COMMAND = /^\/ask(?:@\w+)?\s+/i;

/**
 * Records the question when the reply did not answer it; does nothing without a log.
 * The log redacts the text and never sees who asked.
 * @param log the unanswered-questions log, when `UNANSWERED_LOG` is set
 * @param incoming what the user sent, as the core saw it
 * @param reply what the core answered (`null`: silence)
 */
export function noteUnanswered(log: UnansweredLog | undefined, incoming: Incoming, reply: Reply | null): void {
  if (!log || !reply || !UNANSWERED_KINDS.has(reply.kind)) return;
  if (incoming.data !== undefined || incoming.surface === "inline") return;
  const question = incoming.text.trim().replace(ASK_COMMAND, "");
  if (!question) return;
  const top = reply.candidates[0];
  log.record(question, reply.kind, top ? { intent: top.intent, confidence: top.confidence } : undefined);
}
