/**
 * The opt-in log of unanswered questions, for content maintainers: one JSON line per question
 * the bot could not answer well, holding only what is needed to write new content — the
 * redacted text, the reply kind, the closest intent and the hour it was asked. It takes no user
 * or chat ids, so it cannot hold any; the hour-rounded time keeps lines from being matched to
 * a conversation by timestamp.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { redact, redactToken } from "./redact.ts";

/** The closest intent the matcher found for a question. */
export interface TopCandidate {
  /** The intent id. */
  intent: string;
  /** Its similarity in [0, 1]. */
  confidence: number;
}

/** One line of the log, as written. */
export interface UnansweredEntry {
  /** Start of the hour the question was asked, ISO 8601 in UTC (`2025-03-01T14:00:00.000Z`). */
  at: string;
  /** The reply kind the bot gave (`fallback`, `clarify`, `out_of_scope` …). */
  kind: string;
  /** The question, redacted and cut to {@link MAX_LOGGED_CHARS} characters. */
  question: string;
  /** The closest intent, or `null` when there was none. */
  top: TopCandidate | null;
}

/** Options of {@link createUnansweredLog}. */
export interface UnansweredLogOptions {
  /** The clock; tests pass a fixed one. Defaults to `() => new Date()`. */
  now?: (() => Date) | undefined;
  /** Called when a line cannot be written; recording never throws into the caller. */
  onError?: ((error: unknown) => void) | undefined;
}

/** Appends unanswered questions to the log. */
export interface UnansweredLog {
  /**
   * Appends one line for a question the bot could not answer well.
   * @param question The user's raw text; it is redacted before it is written.
   * @param kind The reply kind.
   * @param topCandidate The closest intent, when there was one.
   * @returns Whether the line was written.
   */
  record(question: string, kind: string, topCandidate?: TopCandidate): boolean;
}

/** Longest question text kept in a line; the matcher reads no further (`MAX_QUESTION_CHARS`). */
export const MAX_LOGGED_CHARS = 500;

const HOUR_MS = 3_600_000;

/** The start of the hour of `date`, as ISO 8601 in UTC. */
function hourOf(date: Date): string {
  return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

/**
 * Creates the unanswered-questions log writing to `file` (JSON lines, appended; the folder is
 * created when missing). Enable it only when a maintainer opts in.
 *
 * @param file Path of the `.jsonl` file.
 * @param options Clock and error hook.
 * @example
 * const log = createUnansweredLog("data/unanswered.jsonl");
 * if (reply.kind === "fallback") log.record(text, reply.kind, reply.candidates[0]);
 */
export function createUnansweredLog(file: string, options: UnansweredLogOptions = {}): UnansweredLog {
  const now = options.now ?? (() => new Date());
  let folderReady = false;
  return {
    record(question, kind, topCandidate) {
      // Tokens first: a bot id shaped like a phone number would otherwise hide the token's shape.
      // Cut after redacting: cutting first could split a number and leave its head readable.
      const text = [...redact(redactToken(question, ""))].slice(0, MAX_LOGGED_CHARS).join("");
      const entry: UnansweredEntry = {
        at: hourOf(now()),
        kind,
        question: text,
        top: topCandidate
          ? { intent: topCandidate.intent, confidence: Math.round(topCandidate.confidence * 1000) / 1000 }
          : null,
      };
      try {
        if (!folderReady) {
          mkdirSync(dirname(file), { recursive: true });
          folderReady = true;
        }
        appendFileSync(file, `${JSON.stringify(entry)}\n`, "utf8");
        return true;
      } catch (error) {
        options.onError?.(error);
        return false;
      }
    },
  };
}
