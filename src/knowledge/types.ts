/** The validated, cross-linked knowledge base that the matcher and the dialogue read. */
import type { RightId, StageId, TopicId } from "./schema.ts";

export type { RightId, StageId, TopicId } from "./schema.ts";

/** A step on the collection timeline. */
export interface Stage {
  id: StageId;
  /** Chinese name shown to users, e.g. 上门外访. */
  name: string;
  /** One sentence on what happens at this stage. */
  summary: string;
  /** 0-based position on the timeline. */
  order: number;
}

/** One of the user's rights, shown as one line. */
export interface Right {
  id: RightId;
  name: string;
  line: string;
}

/** A seed article the answers are built from. */
export interface Seed {
  file: string;
  title: string;
  publisher: string;
  url?: string | undefined;
  date?: string | undefined;
  note?: string | undefined;
}

/** A fact-sheet entry (law, rule or hotline) an answer may cite. */
export interface Fact {
  id: string;
  /** Section of `legal-facts.md`, e.g. `1a` or `7`. */
  ref: string;
  title: string;
  mustContain?: string | undefined;
}

/** Where an answer comes from. */
export type SourceRef =
  | { kind: "seed"; seed: Seed; section: string }
  | { kind: "fact"; fact: Fact };

/** A question the bot knows, with its answer. */
export interface Intent {
  id: string;
  topic: TopicId;
  stage?: StageId | undefined;
  /** The canonical question, shown as the answer's title. */
  question: string;
  /** How people ask it; the matcher indexes these and the question. */
  phrasings: readonly string[];
  /** Short answer points. */
  answer: readonly string[];
  rights: readonly RightId[];
  sources: readonly SourceRef[];
  /** Intent ids offered as the natural next questions. */
  followups: readonly string[];
  /**
   * About the user's safety (thoughts of suicide): when a message asks several things, this
   * answer comes first, whatever else is asked.
   */
  urgent: boolean;
  /** Where it is defined, for messages and logs. */
  origin: { file: string; line: number };
}

/** An entry of a menu. */
export type MenuItem =
  | { kind: "intent"; id: string; label?: string | undefined }
  | { kind: "stage"; id: StageId; label?: string | undefined }
  | { kind: "topic"; id: TopicId; label?: string | undefined }
  | { kind: "menu"; id: string; label?: string | undefined };

/** A menu of the tree in `menus.yaml`. */
export interface Menu {
  id: string;
  title: string;
  stage?: StageId | undefined;
  text?: string | undefined;
  items: readonly MenuItem[];
}

/** Words of one meaning: the matcher counts any of them as the concept too. */
export interface Concept {
  concept: string;
  words: readonly string[];
}

/** A lexicon rewrite: every `from` becomes `to` before matching. */
export interface LexiconRule {
  to: string;
  from: readonly string[];
}

/** Everything the bot knows, validated. Build it with `loadKnowledge`. */
export interface KnowledgeBase {
  stages: readonly Stage[];
  stageById: ReadonlyMap<StageId, Stage>;
  rights: readonly Right[];
  rightById: ReadonlyMap<RightId, Right>;
  seeds: readonly Seed[];
  facts: readonly Fact[];
  intents: readonly Intent[];
  intentById: ReadonlyMap<string, Intent>;
  menus: readonly Menu[];
  menuById: ReadonlyMap<string, Menu>;
  /** The menu each stage opens. */
  menuByStage: ReadonlyMap<StageId, Menu>;
  lexicon: readonly LexiconRule[];
  /** Concepts from the lexicon (`concepts:`), for matching. */
  concepts: readonly Concept[];
  /** Questions the bot must not answer as if in scope. */
  outOfScope: readonly string[];
}
