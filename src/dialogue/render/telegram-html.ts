/**
 * Renders a reply as Telegram HTML (parse_mode "HTML") plus an inline keyboard. Every string
 * from content or users is escaped; the result stays within Telegram's 4,096-character limit.
 */
import { encodeAction } from "../callback-data.ts";
import { MESSAGES } from "../messages.ts";
import type { Reply } from "../types.ts";

/** Telegram's limit on a message's text. */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit on a button's text, kept short for phones. */
const MAX_BUTTON_CHARS = 40;

/** Escapes text for Telegram HTML (the three characters its parser treats specially). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An inline keyboard button, framework-neutral. */
export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** A rendered message: HTML text and an inline keyboard (one button a row). */
export interface TelegramMessage {
  html: string;
  keyboard: InlineButton[][];
}

const shorten = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s);

/** Renders the reply's text as Telegram HTML. */
export function renderHtml(reply: Reply): string {
  const e = escapeHtml;
  const parts: string[] = [`<b>${e(reply.title)}</b>`];
  const tags: string[] = [];
  if (reply.stage) tags.push(`${MESSAGES.stageLabel}：${e(reply.stage.name)}`);
  if (reply.topic && reply.kind === "answer") tags.push(`${MESSAGES.topicLabel}：${e(reply.topic.name)}`);
  if (tags.length) parts.push(`<i>${tags.join(" | ")}</i>`);
  if (reply.note) parts.push(e(reply.note));
  if (reply.otherQuestions) parts.push(e(reply.otherQuestions));
  if (reply.points.length) {
    const bullet = reply.kind === "answer" ? (i: number) => `${i + 1}. ` : () => "";
    parts.push("", ...reply.points.map((p, i) => `${bullet(i)}${e(p)}`));
  }
  if (reply.rights.length) {
    parts.push("", `<b>${MESSAGES.rightsHeading}</b>`);
    for (const r of reply.rights) parts.push(`• <b>${e(r.name)}</b>：${e(r.line)}`);
  }
  if (reply.sources.length) {
    parts.push("", `<b>${MESSAGES.sourcesHeading}</b>`);
    for (const s of reply.sources) {
      parts.push(s.url ? `• <a href="${e(s.url)}">${e(s.label)}</a>` : `• ${e(s.label)}`);
    }
  }
  if (reply.disclaimer) parts.push("", `<i>${e(reply.disclaimer)}</i>`);
  const html = parts.join("\n");
  return html.length > MAX_MESSAGE_CHARS ? cutHtml(html, MAX_MESSAGE_CHARS) : html;
}

/**
 * Shortens HTML to at most `max` characters without leaving a tag, an entity or an emoji cut
 * in half, and closes the tags still open (Telegram rejects a message with unbalanced tags).
 */
export function cutHtml(html: string, max: number): string {
  const closing = "…</a></i></b>";
  let cut = html.slice(0, max - closing.length).replace(/<[^>]*$/, "").replace(/&[a-z#0-9]*$/i, "");
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const open: string[] = [];
  for (const m of cut.matchAll(/<(\/?)(b|i|a)\b[^>]*>/g)) {
    if (m[1]) open.pop();
    else open.push(m[2]!);
  }
  return `${cut}…${open.reverse().map((t) => `</${t}>`).join("")}`;
}

/** The inline keyboard of the reply's quick replies, one button a row. */
export function renderKeyboard(reply: Reply): InlineButton[][] {
  return reply.quickReplies.map((q) => [{ text: shorten(q.label, MAX_BUTTON_CHARS), callback_data: encodeAction(q.action) }]);
}

/** Renders text and keyboard. */
export function renderTelegram(reply: Reply): TelegramMessage {
  return { html: renderHtml(reply), keyboard: renderKeyboard(reply) };
}
