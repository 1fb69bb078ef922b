/**
 * `respond(incoming) → Reply | null`: the one entry into the core. Commands, button presses,
 * group mentions and free text all come through here; `null` means stay silent (a group
 * message that was not addressed to the bot).
 */
import type { Intent, KnowledgeBase } from "../knowledge/types.ts";
import { decide, DEFAULT_THRESHOLDS, type DecisionThresholds } from "../matching/decide.ts";
import type { Candidate, Matcher } from "../matching/matcher.ts";
import { decodeAction } from "./callback-data.ts";
import {
  composeAbout,
  composeAnswer,
  composeClarify,
  composeFallback,
  composeMainMenu,
  composeMenu,
  composeNotice,
  composeOutOfScope,
  composeStageMenu,
  composeTopicMenu,
  withOtherQuestions,
} from "./compose.ts";
import { MESSAGES, TOPIC_NAMES } from "./messages.ts";
import { splitSentences, type Sentence } from "./questions.ts";
import type { Action, Incoming, Reply } from "./types.ts";
import type { StageId, TopicId } from "../knowledge/types.ts";

/** An intent answered outright, and how sure the answer is. */
interface Answered {
  intent: Intent;
  confidence: number;
}

/** Answers one incoming message. */
export type Respond = (incoming: Incoming) => Reply | null;

/** What the responder needs. */
export interface ResponderDeps {
  kb: KnowledgeBase;
  matcher: Matcher;
  thresholds?: DecisionThresholds | undefined;
}

/** Longest text the matcher looks at; longer messages are cut (Telegram allows 4,096). */
export const MAX_QUESTION_CHARS = 500;

// Small talk that thanks or acknowledges, rather than greets.
const THANKS = /^(?:谢谢|多谢|感谢|好的|ok|嗯)/;

/** The bot's commands (without the slash). */
export const COMMANDS = ["start", "help", "menu", "rights", "about", "privacy", "ask"] as const;

/** Creates the responder over a knowledge base and its matcher. */
export function createResponder({ kb, matcher, thresholds = DEFAULT_THRESHOLDS }: ResponderDeps): Respond {
  const menuChanged = (): Reply => {
    const reply = composeMainMenu(kb);
    reply.title = MESSAGES.menuChanged;
    return reply;
  };

  /** The reply for a button's action; anything unknown gets "the menu has changed". */
  function act(action: Action | undefined): Reply {
    if (!action) return menuChanged();
    switch (action.kind) {
      case "intent": {
        const intent = kb.intentById.get(action.id);
        return intent ? composeAnswer(kb, intent, {}, 1, []) : menuChanged();
      }
      case "stage":
        return kb.stageById.has(action.id as StageId) ? composeStageMenu(kb, action.id as StageId) : menuChanged();
      case "topic":
        return Object.hasOwn(TOPIC_NAMES, action.id) ? composeTopicMenu(kb, action.id as TopicId) : menuChanged();
      case "menu": {
        const menu = kb.menuById.get(action.id);
        return menu ? composeMenu(kb, menu) : menuChanged();
      }
    }
  }

  /**
   * For a message of several sentences: an urgent intent (the user's safety) answered for any
   * sentence, and the intents answered outright for its questions, in order and each once. The
   * questions are looked up when there are at least two, or when the message may be urgent (so
   * they can follow the safety answer as buttons); a sentence that asks nothing, only for safety.
   */
  function answeredSentences(text: string, whole: readonly Candidate[]): { questions: Answered[]; urgent?: Answered | undefined } {
    const sentences = splitSentences(text);
    const lookUp = (sentence: Sentence): Answered | undefined => {
      const decision = decide(matcher.match(sentence.text), thresholds);
      return decision.kind === "answer" ? { intent: decision.candidate.intent, confidence: decision.confidence } : undefined;
    };
    let urgent: Answered | undefined;
    for (const sentence of sentences) {
      if (sentence.question) continue;
      const found = lookUp(sentence);
      if (found?.intent.urgent) urgent ??= found;
    }
    const questions: Answered[] = [];
    const severalQuestions = sentences.filter((s) => s.question).length >= 2;
    if (!severalQuestions && !urgent && !whole.some((c) => c.intent.urgent)) return { questions };
    for (const sentence of sentences) {
      if (!sentence.question) continue;
      const found = lookUp(sentence);
      if (!found) continue;
      if (found.intent.urgent) urgent ??= found;
      if (!questions.some((q) => q.intent === found.intent)) questions.push(found);
    }
    return { questions, urgent };
  }

  /** Free text: match, decide, compose. */
  function answer(text: string): Reply {
    const question = text.slice(0, MAX_QUESTION_CHARS);
    const result = matcher.match(question);
    if (!result.text) return composeNotice(kb, MESSAGES.fallbackTitle, [MESSAGES.emptyText]);
    // "你好", "在吗", "你是谁": the welcome, which says who the bot is and opens the menu;
    // "谢谢", "好的": you're welcome, and the menu.
    if (result.smallTalk) {
      if (!THANKS.test(result.text)) return start("");
      const reply = composeMainMenu(kb);
      reply.title = MESSAGES.thanksTitle;
      return reply;
    }
    const decision = decide(result, thresholds);
    // A message of several sentences: each is also looked up on its own. An answer about the
    // user's safety comes first, whatever else the message asks or however it is judged as a
    // whole. Otherwise the whole message's answer comes first when it has one, or else the
    // first question answered outright if at least two were (one alone, out of context, may
    // not be what is meant). The other questions answered outright become the first buttons.
    const { questions, urgent } = answeredSentences(question, result.candidates);
    const lead =
      urgent ??
      (decision.kind === "answer"
        ? { intent: decision.candidate.intent, confidence: decision.confidence }
        : decision.kind !== "out_of_scope" && questions.length >= 2
          ? questions[0]
          : undefined);
    if (lead) {
      const reply = composeAnswer(kb, lead.intent, result.facts, lead.confidence, result.candidates);
      const whole = decision.kind === "answer" ? [decision.candidate.intent] : [];
      const others = [...whole, ...questions.map((q) => q.intent)].filter((intent, i, all) => intent !== lead.intent && all.indexOf(intent) === i);
      return withOtherQuestions(reply, others);
    }
    // What is left is not an answer (an answer always leads).
    if (decision.kind === "clarify") return composeClarify(decision.candidates, result.facts, decision.confidence);
    if (decision.kind === "out_of_scope") return composeOutOfScope(kb, result.facts, decision.confidence, result.candidates);
    return composeFallback(kb, result.facts, decision.confidence, result.candidates);
  }

  /** `/start payload`: a deep link opens an intent or a stage; otherwise the welcome. */
  function start(payload: string): Reply {
    if (kb.intentById.has(payload)) return act({ kind: "intent", id: payload });
    if (kb.stageById.has(payload as StageId)) return act({ kind: "stage", id: payload });
    if (kb.menuById.has(payload)) return act({ kind: "menu", id: payload });
    const reply = composeMainMenu(kb);
    reply.kind = "menu";
    reply.title = MESSAGES.welcomeTitle;
    reply.points = [...MESSAGES.welcomePoints];
    return reply;
  }

  function command(name: string, args: string): Reply {
    switch (name) {
      case "start":
        return start(args);
      case "menu":
        return composeMainMenu(kb);
      case "rights":
        return kb.menuById.has("rights") ? act({ kind: "menu", id: "rights" }) : composeMainMenu(kb);
      case "about":
        return composeAbout(kb);
      case "privacy":
        return composeNotice(kb, MESSAGES.privacyTitle, MESSAGES.privacyPoints);
      case "ask":
        return args ? answer(args) : composeNotice(kb, MESSAGES.helpTitle, [MESSAGES.emptyText]);
      case "help":
      default:
        return composeNotice(kb, MESSAGES.helpTitle, MESSAGES.helpPoints);
    }
  }

  return function respond(incoming: Incoming): Reply | null {
    if (incoming.chat === "group" && !incoming.addressed) return null;
    if (incoming.data !== undefined) return act(decodeAction(incoming.data));
    const text = incoming.text.trim();
    const cmd = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
    if (cmd) return command(cmd[1]!.toLowerCase(), (cmd[2] ?? "").trim());
    if (!text) return composeNotice(kb, MESSAGES.fallbackTitle, [MESSAGES.emptyText]);
    return answer(text);
  };
}
