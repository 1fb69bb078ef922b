/**
 * The terminal chat: the embedded default when no Telegram token is set. Answers as plain text
 * with numbered quick replies (type the number to choose), `/menu`, `/help`, `/quit`. Works
 * with a terminal and with a pipe (one question a line, exits at end of input).
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { encodeAction } from "../../dialogue/callback-data.ts";
import { MESSAGES } from "../../dialogue/messages.ts";
import { renderPlainText } from "../../dialogue/render/plain-text.ts";
import type { Respond } from "../../dialogue/respond.ts";
import type { Incoming, QuickReply } from "../../dialogue/types.ts";
import type { UnansweredLog } from "../../privacy/unanswered-log.ts";
import { noteUnanswered } from "../unanswered.ts";

/** Streams of the chat (process.stdin/stdout by default; tests pass their own). */
export interface ConsoleChatOptions {
  respond: Respond;
  input?: Readable;
  output?: Writable;
  /** Show a prompt (default: when input is a terminal). */
  prompt?: boolean;
  /** The opt-in log of questions the bot could not answer well (redacted, no user ids). */
  unanswered?: UnansweredLog | undefined;
}

/** Runs the chat until /quit or the end of input. */
export async function runConsoleChat({ respond, input = process.stdin, output = process.stdout, prompt, unanswered }: ConsoleChatOptions): Promise<void> {
  const interactive = prompt ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, terminal: false });
  const write = (s: string) => output.write(`${s}\n`);
  let choices: QuickReply[] = [];

  const show = (incoming: Incoming) => {
    let reply;
    try {
      reply = respond(incoming);
    } catch {
      write(MESSAGES.internalError);
      return;
    }
    if (!reply) return;
    noteUnanswered(unanswered, incoming, reply);
    choices = reply.quickReplies;
    write(`\n${renderPlainText(reply)}`);
    if (choices.length) write(MESSAGES.consoleChoose);
  };
  const ask = () => {
    if (interactive) output.write(`\n${MESSAGES.consolePrompt}`);
  };

  show({ text: "/start", chat: "private", addressed: true });
  ask();
  for await (const line of rl) {
    const text = line.trim();
    if (/^\/(quit|exit|q)$/i.test(text)) break;
    const n = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const choice = n >= 1 ? choices[n - 1] : undefined;
    if (!interactive && text) write(`\n${MESSAGES.consolePrompt}${text}`);
    if (choice) show({ text: "", chat: "private", addressed: true, data: encodeAction(choice.action) });
    else if (text) show({ text, chat: "private", addressed: true });
    ask();
  }
  write(`\n${MESSAGES.consoleGoodbye}`);
  rl.close();
}
