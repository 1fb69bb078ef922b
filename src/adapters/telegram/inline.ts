/**
 * Inline mode (`@bot 问题` in any chat): the best answer and the closest other questions (or,
 * when the query asked several questions, the answers to the others) as articles the user can
 * share with family or friends. Articles carry no buttons and no personal details; they are
 * composed by the core like any reply (the candidates through their `v1:i:` button codes), so
 * inline shows exactly what the chat would.
 */
import { encodeAction } from "../../dialogue/callback-data.ts";
import { MESSAGES } from "../../dialogue/messages.ts";
import type { Respond } from "../../dialogue/respond.ts";
import type { Incoming, Reply } from "../../dialogue/types.ts";
import type { AnswerInlineQueryParams, TgInlineArticle, TgInlineQuery } from "./bot-api.ts";
import { presentReply } from "./present.ts";
import type { BotIdentity } from "./route.ts";

/** At most this many articles per query. */
export const MAX_INLINE_RESULTS = 3;
/** Answers are the same for everyone and change only with the knowledge base. */
const CACHE_SECONDS = 300;
const DESCRIPTION_CHARS = 100;

const shorten = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s);

/** One reply as an article. */
export function toArticle(reply: Reply, id: string, me: BotIdentity): TgInlineArticle {
  const { html } = presentReply(reply, "inline", me);
  const lead = [reply.stage?.name, reply.points[0]].filter(Boolean).join("｜");
  return {
    type: "article",
    id,
    title: shorten(reply.title, 64),
    description: lead ? shorten(lead, DESCRIPTION_CHARS) : undefined,
    input_message_content: { message_text: html, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  };
}

/**
 * The `answerInlineQuery` parameters for a query: for an answer, it, the answers to the other
 * questions the query asked (where a chat would offer them as buttons), then the next closest
 * intents; for a "did you mean", each candidate; otherwise no articles and a button that opens
 * the private chat.
 */
export function composeInlineAnswer(query: TgInlineQuery, respond: Respond, me: BotIdentity): AnswerInlineQueryParams {
  const base = { inline_query_id: query.id, cache_time: CACHE_SECONDS, is_personal: false };
  const text = query.query.trim();
  if (!text) return { ...base, results: [], button: { text: MESSAGES.inlineEmptyTitle, start_parameter: "inline" } };
  const asInline = (fields: Pick<Incoming, "text" | "data">): Reply | null =>
    respond({ ...fields, chat: "private", addressed: true, surface: "inline", language: query.from.language_code });

  const best = asInline({ text });
  const results: TgInlineArticle[] = [];
  const seen = new Set<string>();
  if (best?.kind === "answer" && best.intent) {
    results.push(toArticle(best, best.intent, me));
    seen.add(best.intent);
  }
  if (best && (best.kind === "answer" || best.kind === "clarify")) {
    const next = [...(best.otherIntents ?? []), ...best.candidates.map((c) => c.intent)];
    for (const intent of next) {
      if (results.length >= MAX_INLINE_RESULTS) break;
      if (seen.has(intent)) continue;
      const reply = asInline({ text: "", data: encodeAction({ kind: "intent", id: intent }) });
      if (reply?.kind !== "answer") continue;
      results.push(toArticle(reply, intent, me));
      seen.add(intent);
    }
  }
  if (!results.length) return { ...base, results, button: { text: MESSAGES.inlineNoMatch, start_parameter: "inline" } };
  return { ...base, results };
}
