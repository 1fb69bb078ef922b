/**
 * Pure construction of the knowledge base from file texts: pass 1 validates each file against
 * its schema, pass 2 checks references and duplicates across files. Every problem is collected;
 * `buildKnowledge` returns them all so `check` can list them and start-up can refuse to run.
 */
import type { z } from "zod";
import { createNormaliser } from "../matching/normalise/index.ts";
import { factSections, seedHasSection, type CitationDocs } from "./citations.ts";
import type { KnowledgeProblem } from "./errors.ts";
import {
  lexiconFileSchema,
  menusFileSchema,
  outOfScopeFileSchema,
  rightsFileSchema,
  sourcesFileSchema,
  stagesFileSchema,
  STAGE_IDS,
  RIGHT_IDS,
  topicFileSchema,
  type TopicFileInput,
} from "./schema.ts";
import type {
  Fact,
  Intent,
  KnowledgeBase,
  Menu,
  MenuItem,
  Right,
  Seed,
  SourceRef,
  Stage,
  StageId,
} from "./types.ts";
import { parseYamlFile, type YamlFile, type YamlPath } from "./yaml-file.ts";

/** One file of the knowledge base: its path (for messages) and its text. */
export interface SourceFile {
  /** Path as shown in messages, e.g. `intents/topics/lawsuit.yaml`. */
  path: string;
  /** Path relative to the knowledge-base folder, e.g. `topics/lawsuit.yaml`. */
  name: string;
  text: string;
}

/** The outcome of building: the knowledge base when there were no problems. */
export type BuildResult =
  | { ok: true; kb: KnowledgeBase; problems: [] }
  | { ok: false; problems: KnowledgeProblem[] };

/** Longest total length of an intent's answer points, so a rendered reply fits a phone screen. */
export const MAX_ANSWER_CHARS = 300;

const TABLES = ["stages.yaml", "rights.yaml", "sources.yaml", "lexicon.yaml", "menus.yaml", "out-of-scope.yaml"];

/** Builds and validates the knowledge base from its files. Never throws on bad content. */
export function buildKnowledge(files: readonly SourceFile[], docs: CitationDocs = {}): BuildResult {
  const problems: KnowledgeProblem[] = [];
  const parsed = new Map<string, YamlFile>();
  for (const f of files) parsed.set(f.name, parseYamlFile(f.path, f.text));

  const fileProblem = (name: string, message: string): KnowledgeProblem => ({
    file: files.find((f) => f.name === name)?.path ?? name,
    line: 0,
    col: 0,
    path: "",
    message,
    context: "",
  });

  // === Pass 1: each file against its schema

  function validate<S extends z.ZodType>(name: string, schema: S): z.infer<S> | undefined {
    const yf = parsed.get(name);
    if (!yf) {
      problems.push(fileProblem(name, `missing file ${name} (see intents/README.md)`));
      return undefined;
    }
    if (yf.syntaxProblems.length > 0) {
      problems.push(...yf.syntaxProblems);
      return undefined;
    }
    const result = schema.safeParse(yf.data ?? {});
    if (result.success) return result.data;
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      let path = issue.path as YamlPath;
      let message = issue.message;
      if (issue.code === "unrecognized_keys") {
        path = [...path, issue.keys[0]!];
        message = `unknown key '${issue.keys.join("', '")}'`;
      } else if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
        message = `missing '${String(path.at(-1))}'`;
      }
      const p = yf.problem(path, message);
      const key = `${p.line}:${p.message}`;
      if (!seen.has(key)) problems.push(p);
      seen.add(key);
    }
    return undefined;
  }

  const stagesIn = validate("stages.yaml", stagesFileSchema);
  const rightsIn = validate("rights.yaml", rightsFileSchema);
  const sourcesIn = validate("sources.yaml", sourcesFileSchema);
  const lexiconIn = validate("lexicon.yaml", lexiconFileSchema);
  const menusIn = validate("menus.yaml", menusFileSchema);
  const oosIn = validate("out-of-scope.yaml", outOfScopeFileSchema);

  const topicFiles: Array<{ name: string; yf: YamlFile; data: TopicFileInput }> = [];
  for (const f of files) {
    if (TABLES.includes(f.name)) continue;
    if (!/^topics\/[a-z_]+\.yaml$/.test(f.name)) {
      problems.push(fileProblem(f.name, "unexpected file: tables sit at the top of intents/, intents in topics/<topic>.yaml"));
      continue;
    }
    const data = validate(f.name, topicFileSchema);
    if (data) topicFiles.push({ name: f.name, yf: parsed.get(f.name)!, data });
  }
  if (!files.some((f) => f.name.startsWith("topics/"))) {
    problems.push(fileProblem("topics/", "no intents: add topics/<topic>.yaml files"));
  }

  // Without the tables, references cannot be checked.
  if (!stagesIn || !rightsIn || !sourcesIn || !lexiconIn || !menusIn || !oosIn) {
    return { ok: false, problems };
  }
  const yf = (name: string) => parsed.get(name)!;

  // === Pass 2: tables

  const stages: Stage[] = stagesIn.stages.map((s, order) => ({ ...s, order }));
  stagesIn.stages.forEach((s, i) => {
    if (s.id !== STAGE_IDS[i]) {
      problems.push(
        yf("stages.yaml").problem(["stages", i, "id"], `stages must be listed once each in timeline order: ${STAGE_IDS.join(", ")}`),
      );
    }
  });
  if (stagesIn.stages.length !== STAGE_IDS.length) {
    problems.push(yf("stages.yaml").problem(["stages"], `expected the ${STAGE_IDS.length} stages ${STAGE_IDS.join(", ")}`));
  }
  const rights: Right[] = rightsIn.rights;
  for (const id of RIGHT_IDS) {
    const n = rights.filter((r) => r.id === id).length;
    if (n !== 1) problems.push(yf("rights.yaml").problem(["rights"], `right '${id}' must be listed exactly once (found ${n})`));
  }

  const seeds: Seed[] = sourcesIn.seeds;
  const seedByFile = new Map(seeds.map((s) => [s.file, s]));
  seeds.forEach((s, i) => {
    if (docs.seeds && !docs.seeds.has(s.file)) {
      problems.push(yf("sources.yaml").problem(["seeds", i, "file"], `seed file '${s.file}' not found in the seeds folder`));
    }
  });
  const facts: Fact[] = sourcesIn.facts;
  const factById = new Map<string, Fact>();
  const sections = docs.facts === undefined ? undefined : factSections(docs.facts);
  facts.forEach((f, i) => {
    if (factById.has(f.id)) problems.push(yf("sources.yaml").problem(["facts", i, "id"], `duplicate fact id '${f.id}'`));
    factById.set(f.id, f);
    if (!sections) return;
    const text = sections.get(f.ref);
    if (text === undefined) {
      problems.push(
        yf("sources.yaml").problem(["facts", i, "ref"], `fact-sheet section '${f.ref}' does not exist; known: ${[...sections.keys()].join(", ")}`),
      );
    } else if (f.mustContain && !text.includes(f.mustContain)) {
      problems.push(yf("sources.yaml").problem(["facts", i, "mustContain"], `fact-sheet section '${f.ref}' does not mention '${f.mustContain}'`));
    }
  });

  // === Pass 2: intents

  const normaliser = createNormaliser(lexiconIn.rewrite);

  // A concept word names one concept: the same word (after normalisation) in two is an error.
  const conceptOfWord = new Map<string, string>();
  lexiconIn.concepts.forEach((c, i) => {
    c.words.forEach((word, j) => {
      const key = normaliser.normalise(word);
      const other = conceptOfWord.get(key);
      if (other !== undefined && other !== c.concept) {
        problems.push(yf("lexicon.yaml").problem(["concepts", i, "words", j], `'${word}' is already a word of concept '${other}'`));
      } else conceptOfWord.set(key, c.concept);
    });
  });

  const phrasingOwner = new Map<string, { intent: string; where: KnowledgeProblem }>();
  const intents: Intent[] = [];
  const intentIds = new Map<string, KnowledgeProblem>();
  const citedSeeds = new Set<string>();
  const citedFacts = new Set<string>();
  const usedRights = new Set<string>();
  const pendingFollowups: Array<{ from: Intent; id: string; at: () => KnowledgeProblem }> = [];

  for (const { name, yf: file, data } of topicFiles) {
    if (name !== `topics/${data.topic}.yaml`) {
      problems.push(file.problem(["topic"], `topic '${data.topic}' must be in topics/${data.topic}.yaml`));
    }
    data.intents.forEach((input, i) => {
      const at = (...path: YamlPath) => file.problem(["intents", i, ...path], "");
      const here = at("id");
      const previous = intentIds.get(input.id);
      if (previous) {
        problems.push({ ...here, message: `duplicate intent id '${input.id}' (first at ${previous.file}:${previous.line})` });
      }
      intentIds.set(input.id, here);

      const sources: SourceRef[] = [];
      input.sources.forEach((ref, j) => {
        if ("seed" in ref) {
          const seed = seedByFile.get(ref.seed);
          if (!seed) {
            problems.push({ ...at("sources", j, "seed"), message: `unknown seed '${ref.seed}'; known: ${[...seedByFile.keys()].join(", ")}` });
            return;
          }
          const seedText = docs.seeds?.get(ref.seed);
          if (seedText !== undefined && !seedHasSection(seedText, ref.section)) {
            problems.push({ ...at("sources", j, "section"), message: `section '${ref.section}' is not a heading or paragraph opening of ${ref.seed}` });
          }
          citedSeeds.add(seed.file);
          sources.push({ kind: "seed", seed, section: ref.section });
        } else {
          const fact = factById.get(ref.fact);
          if (!fact) {
            problems.push({ ...at("sources", j, "fact"), message: `unknown fact '${ref.fact}'; known: ${[...factById.keys()].join(", ")}` });
            return;
          }
          citedFacts.add(fact.id);
          sources.push({ kind: "fact", fact });
        }
      });

      const answerChars = input.answer.join("").length;
      if (answerChars > MAX_ANSWER_CHARS) {
        problems.push({ ...at("answer"), message: `answer is ${answerChars} characters; keep it within ${MAX_ANSWER_CHARS}` });
      }
      input.rights.forEach((r, j) => {
        if (input.rights.indexOf(r) !== j) problems.push({ ...at("rights", j), message: `right '${r}' listed twice` });
        usedRights.add(r);
      });

      const intent: Intent = {
        id: input.id,
        topic: data.topic,
        stage: input.stage,
        question: input.question,
        phrasings: input.phrasings,
        answer: input.answer,
        rights: input.rights,
        sources,
        followups: input.followups ?? [],
        urgent: input.urgent ?? false,
        origin: { file: file.file, line: here.line },
      };
      intents.push(intent);

      const texts: Array<{ text: string; path: YamlPath }> = [
        { text: input.question, path: ["question"] },
        ...input.phrasings.map((text, j) => ({ text, path: ["phrasings", j] as YamlPath })),
      ];
      for (const { text, path } of texts) {
        const key = normaliser.normalise(text);
        const where = at(...path);
        if (!key) {
          problems.push({ ...where, message: "phrasing is empty after normalisation" });
          continue;
        }
        const owner = phrasingOwner.get(key);
        if (owner && owner.intent !== input.id) {
          problems.push({
            ...where,
            message: `phrasing '${text}' (normalised '${key}') is also under intent '${owner.intent}' at ${owner.where.file}:${owner.where.line}`,
          });
        } else if (!owner) {
          phrasingOwner.set(key, { intent: input.id, where });
        }
      }
      (input.followups ?? []).forEach((id, j) => pendingFollowups.push({ from: intent, id, at: () => at("followups", j) }));
    });
  }
  const intentById = new Map(intents.map((it) => [it.id, it]));
  for (const f of pendingFollowups) {
    if (f.id === f.from.id) problems.push({ ...f.at(), message: "an intent cannot follow up to itself" });
    else if (!intentById.has(f.id)) problems.push({ ...f.at(), message: `unknown follow-up intent '${f.id}'` });
  }

  // === Pass 2: out of scope must not collide with intents

  const outOfScope: string[] = [];
  oosIn.examples.forEach((text, i) => {
    const key = normaliser.normalise(text);
    const owner = phrasingOwner.get(key);
    if (owner) {
      problems.push(
        yf("out-of-scope.yaml").problem(["examples", i], `out-of-scope example '${text}' is also a phrasing of intent '${owner.intent}'`),
      );
    }
    outOfScope.push(text);
  });

  // === Pass 2: menus

  const menus: Menu[] = [];
  const menuIds = new Set(menusIn.menus.map((m) => m.id));
  const menuByStage = new Map<StageId, Menu>();
  const referencedMenus = new Set<string>(["main"]);
  const menusFile = yf("menus.yaml");
  if (!menuIds.has("main")) problems.push(menusFile.problem(["menus"], "a menu with id 'main' is required"));
  menusIn.menus.forEach((m, i) => {
    if (menus.some((x) => x.id === m.id)) problems.push(menusFile.problem(["menus", i, "id"], `duplicate menu id '${m.id}'`));
    const items: MenuItem[] = m.items.map((item, j) => {
      const at = menusFile.problem(["menus", i, "items", j], "");
      if ("intent" in item) {
        if (!intentById.has(item.intent)) problems.push({ ...at, message: `unknown intent '${item.intent}'` });
        return { kind: "intent", id: item.intent, label: item.label };
      }
      if ("menu" in item) {
        if (!menuIds.has(item.menu)) problems.push({ ...at, message: `unknown menu '${item.menu}'; known: ${[...menuIds].join(", ")}` });
        referencedMenus.add(item.menu);
        return { kind: "menu", id: item.menu, label: item.label };
      }
      if ("stage" in item) return { kind: "stage", id: item.stage, label: item.label };
      return { kind: "topic", id: item.topic, label: item.label };
    });
    const menu: Menu = { id: m.id, title: m.title, stage: m.stage, text: m.text, items };
    if (m.stage) {
      if (menuByStage.has(m.stage)) problems.push(menusFile.problem(["menus", i, "stage"], `stage '${m.stage}' already has a menu`));
      menuByStage.set(m.stage, menu);
    }
    menus.push(menu);
  });
  for (const s of STAGE_IDS) {
    if (!menuByStage.has(s)) problems.push(menusFile.problem(["menus"], `stage '${s}' has no menu (a menu with 'stage: ${s}')`));
  }
  menusIn.menus.forEach((m, i) => {
    if (!referencedMenus.has(m.id) && !m.stage) {
      problems.push(menusFile.problem(["menus", i, "id"], `menu '${m.id}' is not reachable from any other menu`));
    }
  });

  // === Pass 2: orphan table rows

  const usedStages = new Set(intents.map((it) => it.stage).filter(Boolean));
  stages.forEach((s, i) => {
    if (!usedStages.has(s.id)) problems.push(yf("stages.yaml").problem(["stages", i, "id"], `no intent has stage '${s.id}'`));
  });
  rights.forEach((r, i) => {
    if (!usedRights.has(r.id)) problems.push(yf("rights.yaml").problem(["rights", i, "id"], `no intent lists right '${r.id}'`));
  });
  seeds.forEach((s, i) => {
    if (!citedSeeds.has(s.file)) problems.push(yf("sources.yaml").problem(["seeds", i, "file"], `no intent cites seed '${s.file}'`));
  });
  facts.forEach((f, i) => {
    if (!citedFacts.has(f.id)) problems.push(yf("sources.yaml").problem(["facts", i, "id"], `no intent cites fact '${f.id}'`));
  });

  if (problems.length > 0) return { ok: false, problems };
  const kb = assembleKnowledge({ stages, rights, seeds, facts, intents, menus, lexicon: lexiconIn.rewrite, concepts: lexiconIn.concepts, outOfScope });
  return { ok: true, kb, problems: [] };
}

/** The knowledge base without its lookup tables: plain data, as the start-up cache stores it. */
export type KnowledgeContent = Pick<
  KnowledgeBase,
  "stages" | "rights" | "seeds" | "facts" | "intents" | "menus" | "lexicon" | "concepts" | "outOfScope"
>;

/** Adds the lookup tables to validated content (every stage has a menu; ids are unique). */
export function assembleKnowledge(content: KnowledgeContent): KnowledgeBase {
  const menuByStage = new Map<StageId, Menu>();
  for (const m of content.menus) if (m.stage) menuByStage.set(m.stage, m);
  return {
    ...content,
    stageById: new Map(content.stages.map((s) => [s.id, s])),
    rightById: new Map(content.rights.map((r) => [r.id, r])),
    intentById: new Map(content.intents.map((it) => [it.id, it])),
    menuById: new Map(content.menus.map((m) => [m.id, m])),
    menuByStage,
  };
}
