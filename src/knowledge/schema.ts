/**
 * zod schemas of the YAML files in `intents/` (pass 1: each file on its own). Cross-file rules
 * (ids that must exist, duplicates, orphans) are in `cross-check.ts` (pass 2).
 */
import { z } from "zod";

/** Stage ids, in timeline order (domain.md). */
export const STAGE_IDS = ["reminder", "platform", "agency", "visit", "lawsuit", "settled"] as const;
/** Topic ids (domain.md); every intent has exactly one. */
export const TOPIC_IDS = [
  "overdue_consequences",
  "credit_record",
  "collection_contact",
  "third_party_contacts",
  "home_visit",
  "lawsuit",
  "negotiation",
  "verify_and_scams",
  "illegal_collection",
  "complaint_evidence",
  "privacy",
  "repayment_planning",
  "after_settlement",
] as const;
/** Right ids (domain.md). */
export const RIGHT_IDS = [
  "verify_identity",
  "refuse_entry",
  "privacy",
  "no_harassment",
  "debt_statement",
  "negotiate",
  "evidence",
  "complain",
  "legal_help",
] as const;

export type StageId = (typeof STAGE_IDS)[number];
export type TopicId = (typeof TOPIC_IDS)[number];
export type RightId = (typeof RIGHT_IDS)[number];

/** Ids travel in callback data (at most 64 bytes with the `v1:x:` prefix), so they stay short ASCII. */
const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, { error: "ids are snake_case ASCII, 2 to 48 characters" });
const text = z.string().trim().min(1, { error: "must not be empty" });
const version = z.literal(1, { error: "every file starts with `version: 1`" });

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (issue) => `unknown ${what} '${String(issue.input)}'; known: ${values.join(", ")}` });

export const stageIdSchema = enumOf(STAGE_IDS, "stage");
export const topicIdSchema = enumOf(TOPIC_IDS, "topic");
export const rightIdSchema = enumOf(RIGHT_IDS, "right");

// === Tables

export const stagesFileSchema = z.strictObject({
  version,
  stages: z.array(z.strictObject({ id: stageIdSchema, name: text, summary: text })).min(1),
});

export const rightsFileSchema = z.strictObject({
  version,
  rights: z.array(z.strictObject({ id: rightIdSchema, name: text, line: text })).min(1),
});

export const sourcesFileSchema = z.strictObject({
  version,
  seeds: z.array(
    z.strictObject({
      file: z.string().regex(/^[\w.-]+\.txt$/, { error: "a seed is named by its file name, e.g. 000_abc.txt" }),
      title: text,
      publisher: text,
      url: z.url().optional(),
      date: z.union([text, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
      note: text.optional(),
    }),
  ),
  facts: z.array(
    z.strictObject({
      id,
      ref: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+[a-z]?$/)),
      title: text,
      mustContain: z.union([z.string(), z.number()]).transform(String).optional(),
    }),
  ),
});

export const lexiconFileSchema = z.strictObject({
  version,
  /** Each rule rewrites every `from` to `to` before matching (longest first). */
  rewrite: z.array(
    z.strictObject({
      to: text,
      from: z.array(z.union([z.string(), z.number()]).transform(String).pipe(text)).min(1),
    }),
  ),
  /**
   * Words that say the same thing (单位, 公司, 领导 …): a question and a phrasing that each use
   * one of them share the concept, as if they shared a word.
   */
  concepts: z
    .array(
      z.strictObject({
        concept: id,
        words: z.array(z.union([z.string(), z.number()]).transform(String).pipe(text)).min(2),
      }),
    )
    .default([]),
});

const menuItemSchema = z.union([
  z.strictObject({ intent: id, label: text.optional() }),
  z.strictObject({ stage: stageIdSchema, label: text.optional() }),
  z.strictObject({ topic: topicIdSchema, label: text.optional() }),
  z.strictObject({ menu: id, label: text.optional() }),
]);

export const menusFileSchema = z.strictObject({
  version,
  menus: z
    .array(
      z.strictObject({
        id,
        title: text,
        /** When set, this is the menu of that stage (the timeline button opens it). */
        stage: stageIdSchema.optional(),
        text: text.optional(),
        items: z.array(menuItemSchema).min(1),
      }),
    )
    .min(1),
});

export const outOfScopeFileSchema = z.strictObject({
  version,
  examples: z.array(z.union([z.string(), z.number()]).transform(String).pipe(text)).min(1),
});

// === Intents

const sourceRefSchema = z.union([
  z.strictObject({ seed: z.string(), section: text }),
  z.strictObject({ fact: id }),
]);

export const intentSchema = z.strictObject({
  id,
  stage: stageIdSchema.optional(),
  question: text,
  phrasings: z
    .array(z.union([z.string(), z.number()]).transform(String).pipe(text))
    .min(12, { error: "at least 12 phrasings per intent" }),
  answer: z.array(text).min(1).max(5),
  rights: z.array(rightIdSchema).min(1).max(4),
  sources: z.array(sourceRefSchema).min(1, { error: "every intent needs a source" }).max(4),
  followups: z.array(id).max(4).optional(),
  urgent: z.boolean().optional(),
});

export const topicFileSchema = z.strictObject({
  version,
  topic: topicIdSchema,
  intents: z.array(intentSchema).min(1),
});

export type IntentInput = z.infer<typeof intentSchema>;
export type TopicFileInput = z.infer<typeof topicFileSchema>;
export type MenusFileInput = z.infer<typeof menusFileSchema>;
export type SourcesFileInput = z.infer<typeof sourcesFileSchema>;
