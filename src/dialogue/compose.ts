/** Builds replies from the knowledge base: answers, menus, clarifications, notices. */
import type { Intent, KnowledgeBase, Menu, MenuItem, SourceRef, StageId, TopicId } from "../knowledge/types.ts";
import type { Candidate } from "../matching/matcher.ts";
import type { SituationFacts } from "../matching/normalise/index.ts";
import { MESSAGES, overdueNote, TOPIC_NAMES } from "./messages.ts";
import type { Action, QuickReply, Reply, SourceLine } from "./types.ts";

/** Common fields of a reply that is not an answer. */
function base(kind: Reply["kind"], title: string, points: readonly string[], facts: SituationFacts = {}): Reply {
  return { kind, title, points: [...points], rights: [], sources: [], quickReplies: [], confidence: 0, candidates: [], facts };
}

/** A source as one line: the seed by title, publisher and section, or the law / hotline. */
export function sourceLine(ref: SourceRef): SourceLine {
  if (ref.kind === "fact") return { label: ref.fact.title };
  return { label: `《${ref.seed.title}》（${ref.seed.publisher}）“${ref.section}”`, url: ref.seed.url };
}

const menuAction: Action = { kind: "menu", id: "main" };
const menuButton: QuickReply = { label: MESSAGES.menuButton, action: menuAction };

/** The label of a menu item. */
function itemLabel(kb: KnowledgeBase, item: MenuItem): string {
  if (item.label) return item.label;
  switch (item.kind) {
    case "intent":
      return kb.intentById.get(item.id)?.question ?? item.id;
    case "stage": {
      const stage = kb.stageById.get(item.id);
      return stage ? MESSAGES.stageButton(stage.order + 1, stage.name) : item.id;
    }
    case "topic":
      return TOPIC_NAMES[item.id];
    case "menu":
      return kb.menuById.get(item.id)?.title ?? item.id;
  }
}

/** The reply for an intent: stage, topic, points, rights, sources, next questions, disclaimer. */
export function composeAnswer(kb: KnowledgeBase, intent: Intent, facts: SituationFacts, confidence: number, candidates: readonly Candidate[]): Reply {
  const stage = intent.stage ? kb.stageById.get(intent.stage) : undefined;
  const quickReplies: QuickReply[] = [];
  for (const id of intent.followups) {
    const next = kb.intentById.get(id);
    if (next) quickReplies.push({ label: next.question, action: { kind: "intent", id } });
  }
  if (stage) {
    const next = kb.stages[stage.order + 1];
    if (next) quickReplies.push({ label: MESSAGES.nextStageButton(next.name), action: { kind: "stage", id: next.id } });
  }
  if (kb.menuById.has("rights")) quickReplies.push({ label: MESSAGES.rightsButton, action: { kind: "menu", id: "rights" } });
  quickReplies.push(menuButton);
  return {
    kind: "answer",
    title: intent.question,
    stage: stage ? { id: stage.id, name: stage.name } : undefined,
    topic: { id: intent.topic, name: TOPIC_NAMES[intent.topic] },
    note: facts.overdueDays !== undefined ? overdueNote(facts.overdueDays) : undefined,
    points: [...intent.answer],
    rights: intent.rights.map((id) => kb.rightById.get(id)!).filter(Boolean),
    sources: intent.sources.map(sourceLine),
    quickReplies,
    confidence,
    intent: intent.id,
    candidates: summarise(candidates),
    disclaimer: MESSAGES.disclaimer,
    facts,
  };
}

/**
 * An answer to the first of several questions, with the others the message asked as the first
 * buttons, and a line saying so. Unchanged when there are no others.
 */
export function withOtherQuestions(reply: Reply, others: readonly Intent[]): Reply {
  if (others.length === 0) return reply;
  const buttons: QuickReply[] = others.map((intent) => ({ label: intent.question, action: { kind: "intent", id: intent.id } }));
  const ids = others.map((intent) => intent.id);
  const shown = new Set(ids);
  const rest = reply.quickReplies.filter((q) => !(q.action.kind === "intent" && shown.has(q.action.id)));
  reply.quickReplies = [...buttons, ...rest];
  reply.otherQuestions = MESSAGES.otherQuestions;
  reply.otherIntents = ids;
  return reply;
}

/** A menu from `menus.yaml`. */
export function composeMenu(kb: KnowledgeBase, menu: Menu): Reply {
  const stage = menu.stage ? kb.stageById.get(menu.stage) : undefined;
  const reply = base("menu", menu.title, menu.text ? [menu.text] : stage ? [MESSAGES.stageMenuText(stage.summary)] : []);
  if (menu.id === "main" && !menu.text) reply.points = [MESSAGES.mainMenuText];
  reply.stage = stage ? { id: stage.id, name: stage.name } : undefined;
  reply.quickReplies = menu.items.map((item) => ({ label: itemLabel(kb, item), action: itemAction(kb, item) }));
  if (menu.id !== "main") reply.quickReplies.push(menuButton);
  return reply;
}

/** The action of a menu item: a stage opens that stage's menu. */
function itemAction(kb: KnowledgeBase, item: MenuItem): Action {
  if (item.kind === "stage") return { kind: "menu", id: kb.menuByStage.get(item.id)?.id ?? "main" };
  return { kind: item.kind, id: item.id };
}

/** The menu of a stage. */
export function composeStageMenu(kb: KnowledgeBase, stage: StageId): Reply {
  const menu = kb.menuByStage.get(stage);
  return menu ? composeMenu(kb, menu) : composeMainMenu(kb);
}

/** Every intent of a topic, as a menu. */
export function composeTopicMenu(kb: KnowledgeBase, topic: TopicId): Reply {
  const reply = base("menu", TOPIC_NAMES[topic], [MESSAGES.topicMenuText]);
  reply.topic = { id: topic, name: TOPIC_NAMES[topic] };
  reply.quickReplies = kb.intents
    .filter((it) => it.topic === topic)
    .map((it) => ({ label: it.question, action: { kind: "intent", id: it.id } }));
  reply.quickReplies.push(menuButton);
  return reply;
}

/** The main menu. */
export function composeMainMenu(kb: KnowledgeBase): Reply {
  return composeMenu(kb, kb.menuById.get("main")!);
}

/** "Which one did you mean?" with the candidates as buttons. */
export function composeClarify(candidates: readonly Candidate[], facts: SituationFacts, confidence: number): Reply {
  const reply = base("clarify", MESSAGES.clarifyTitle, [MESSAGES.clarifyText], facts);
  reply.quickReplies = candidates.map((c) => ({ label: c.intent.question, action: { kind: "intent", id: c.intent.id } }));
  reply.quickReplies.push(menuButton);
  reply.confidence = confidence;
  reply.candidates = summarise(candidates);
  // The leading candidate's topic is the best estimate of what the question is about, even
  // though no answer is given yet (renderers show a topic only on answers).
  const lead = candidates[0]?.intent.topic;
  if (lead) reply.topic = { id: lead, name: TOPIC_NAMES[lead] };
  return reply;
}

/** The main menu's buttons under a notice. */
function withMainMenu(kb: KnowledgeBase, reply: Reply): Reply {
  reply.quickReplies = composeMainMenu(kb).quickReplies;
  return reply;
}

/** "I did not understand", with tips and the main menu. */
export function composeFallback(kb: KnowledgeBase, facts: SituationFacts, confidence: number, candidates: readonly Candidate[]): Reply {
  const reply = withMainMenu(kb, base("fallback", MESSAGES.fallbackTitle, MESSAGES.fallbackPoints, facts));
  reply.confidence = confidence;
  reply.candidates = summarise(candidates);
  return reply;
}

/** "Not something I can help with", what the bot does cover, and the main menu. */
export function composeOutOfScope(kb: KnowledgeBase, facts: SituationFacts, confidence: number, candidates: readonly Candidate[]): Reply {
  const reply = withMainMenu(kb, base("out_of_scope", MESSAGES.outOfScopeTitle, MESSAGES.outOfScopePoints, facts));
  reply.confidence = confidence;
  reply.candidates = summarise(candidates);
  return reply;
}

/** A notice (help, about, privacy, menu changed …), optionally with the main menu. */
export function composeNotice(kb: KnowledgeBase, title: string, points: readonly string[], withMenu = true): Reply {
  const reply = base("notice", title, points);
  return withMenu ? withMainMenu(kb, reply) : reply;
}

/** /about: what the answers rest on. */
export function composeAbout(kb: KnowledgeBase): Reply {
  const reply = composeNotice(kb, MESSAGES.aboutTitle, [MESSAGES.aboutIntro]);
  reply.sources = kb.seeds.map((s) => ({ label: `《${s.title}》（${s.publisher}${s.date ? `，${s.date}` : ""}）`, url: s.url }));
  reply.disclaimer = MESSAGES.disclaimer;
  return reply;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The closest intents as a reply lists them: at most 3, with rounded confidences. */
const summarise = (candidates: readonly Candidate[]): Reply["candidates"] =>
  candidates.slice(0, 3).map((c) => ({ intent: c.intent.id, topic: c.intent.topic, confidence: round(c.score) }));
