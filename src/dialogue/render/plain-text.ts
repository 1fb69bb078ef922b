/** Renders a reply as plain text with numbered choices (the terminal, and Telegram's fallback). */
import { MESSAGES } from "../messages.ts";
import type { Reply } from "../types.ts";

/** The body of a reply without its choices: title, stage, points, rights, sources, disclaimer. */
export function renderBody(reply: Reply): string {
  const lines: string[] = [reply.title];
  const tags: string[] = [];
  if (reply.stage) tags.push(`${MESSAGES.stageLabel}：${reply.stage.name}`);
  if (reply.topic && reply.kind === "answer") tags.push(`${MESSAGES.topicLabel}：${reply.topic.name}`);
  if (tags.length) lines.push(`【${tags.join(" | ")}】`);
  if (reply.note) lines.push(reply.note);
  if (reply.otherQuestions) lines.push(reply.otherQuestions);
  if (reply.points.length) {
    lines.push("");
    const bullet = reply.kind === "answer" ? (i: number) => `${i + 1}. ` : () => "";
    reply.points.forEach((p, i) => lines.push(`${bullet(i)}${p}`));
  }
  if (reply.rights.length) {
    lines.push("", `${MESSAGES.rightsHeading}：`);
    for (const r of reply.rights) lines.push(`· ${r.name}：${r.line}`);
  }
  if (reply.sources.length) {
    lines.push("", `${MESSAGES.sourcesHeading}：`);
    for (const s of reply.sources) lines.push(`· ${s.label}`);
  }
  if (reply.disclaimer) lines.push("", reply.disclaimer);
  return lines.join("\n");
}

/** The full plain-text rendering, choices numbered from 1. */
export function renderPlainText(reply: Reply): string {
  const body = renderBody(reply);
  if (!reply.quickReplies.length) return body;
  const choices = reply.quickReplies.map((q, i) => `  [${i + 1}] ${q.label}`);
  return `${body}\n\n${choices.join("\n")}`;
}
