/**
 * The core as one value: knowledge base, matcher and responder, built from a knowledge-base
 * folder. `main.ts`, the CLI, tests and benchmarks all build it the same way.
 */
import { loadKnowledge, type LoadOptions } from "./knowledge/load.ts";
import type { KnowledgeBase } from "./knowledge/types.ts";
import type { DecisionThresholds } from "./matching/decide.ts";
import { createMatcher, type Matcher } from "./matching/matcher.ts";
import { preparedKey, readPrepared, writePrepared, type PreparedTexts } from "./matching/prepared.ts";
import { createResponder, type Respond } from "./dialogue/respond.ts";

/** Everything needed to answer messages. */
export interface Core {
  kb: KnowledgeBase;
  matcher: Matcher;
  respond: Respond;
}

/**
 * Builds the core from an already loaded knowledge base: pure, no I/O. `prepared` are texts an
 * earlier build prepared (see `buildCore`); the matcher reads them and adds what it prepares.
 */
export function createCore(kb: KnowledgeBase, thresholds?: DecisionThresholds, prepared?: PreparedTexts): Core {
  const matcher = createMatcher(kb, {}, prepared);
  return { kb, matcher, respond: createResponder({ kb, matcher, thresholds }) };
}

/**
 * Builds the core as a start does: with `cacheDir` (the start-up cache) the matcher reuses the
 * texts an earlier start prepared (matching/prepared.ts), and the ones it had to prepare are saved.
 */
export function buildCore(kb: KnowledgeBase, cacheDir?: string): Core {
  if (!cacheDir) return createCore(kb);
  const key = preparedKey(kb);
  const prepared = readPrepared(cacheDir, key);
  const core = createCore(kb, undefined, prepared);
  writePrepared(cacheDir, key, prepared);
  return core;
}

/**
 * Loads the knowledge base and builds the core, both through the start-up cache when
 * `options.cacheDir` is set.
 * @throws KnowledgeError naming file and line of every problem.
 */
export function loadCore(options: LoadOptions): Core {
  return buildCore(loadKnowledge(options), options.cacheDir);
}
