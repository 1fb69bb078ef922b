/** The platform-neutral contracts between adapters and the core. */
import type { SituationFacts } from "../matching/normalise/index.ts";

/** A message as the core sees it; adapters build it from their platform's update. */
export interface Incoming {
  /** The user's text (a command keeps its slash: `/start visit`); empty for a button press. */
  text: string;
  /** Where it was said: a private chat or a group. */
  chat: "private" | "group";
  /** Whether the bot was addressed: always true in private; in groups a mention, a reply to the bot or a command. */
  addressed: boolean;
  /** The user's client language (IETF tag), when the platform tells it. */
  language?: string | undefined;
  /** Callback data of a pressed button, when this is a button press. */
  data?: string | undefined;
  /** Where the reply is shown: `inline` results are shared into other chats, so they carry no menus. */
  surface?: "chat" | "inline" | undefined;
}

/** What a button or a numbered choice does. */
export type Action =
  | { kind: "intent"; id: string }
  | { kind: "stage"; id: string }
  | { kind: "topic"; id: string }
  | { kind: "menu"; id: string };

/** A button under a reply (a numbered choice in the terminal). */
export interface QuickReply {
  label: string;
  action: Action;
}

/** A cited source, ready to show. */
export interface SourceLine {
  /** e.g. 《支付宝欠款会上门外访嘛》（小花）“2.2 上门外访的现实情况” */
  label: string;
  url?: string | undefined;
}

/** The kinds of reply. */
export type ReplyKind = "answer" | "clarify" | "fallback" | "out_of_scope" | "menu" | "notice";

/** A reply as the core composes it; renderers turn it into Telegram HTML or plain text. */
export interface Reply {
  kind: ReplyKind;
  /** Title line: the canonical question, the menu title, or the notice. */
  title: string;
  /** Where the user is on the timeline, when the answer has a stage. */
  stage?: { id: string; name: string } | undefined;
  /** The answer's topic. */
  topic?: { id: string; name: string } | undefined;
  /** A sentence placing the user on the timeline from what they said (逾期3个月 …). */
  note?: string | undefined;
  /** When the message asked several questions: that the others are the first buttons. */
  otherQuestions?: string | undefined;
  /** When the message asked several questions: the other questions' intents, in the order asked. */
  otherIntents?: string[] | undefined;
  /** The answer's points, or the message of other kinds. */
  points: string[];
  /** The rights that apply, one line each. */
  rights: Array<{ id: string; name: string; line: string }>;
  /** Where the answer comes from. */
  sources: SourceLine[];
  /** Buttons: next questions, the next stage, rights, the menu. */
  quickReplies: QuickReply[];
  /** How sure the core is that this answers the question, in [0, 1]. */
  confidence: number;
  /** The matched intent, for answers. */
  intent?: string | undefined;
  /** The closest intents, best first (at most 3). */
  candidates: Array<{ intent: string; topic: string; confidence: number }>;
  /** The fixed disclaimer, on answers. */
  disclaimer?: string | undefined;
  /** What the user said about their situation. */
  facts: SituationFacts;
}
