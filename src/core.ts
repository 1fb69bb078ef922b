/**
 * The core as one value: knowledge base, matcher and responder, built from a knowledge-base
 * folder. `main.ts`, the CLI, tests and benchmarks all build it the same way.
 */
import { loadKnowledge, type LoadOptions } from "./knowledge/load.ts";
import type { KnowledgeBase } from "./knowledge/types.ts";
import type { DecisionThresholds } from "./matching/decide.ts";
import { createMatcher, type Matcher } from "./matching/matcher.ts";
import { preparedKey, readPrepared, writePrepared } from "./matching/prepared.ts";
import { createResponder, type Respond } from "./dialogue/respond.ts";

/** Everything needed to answer messages. */
export interface Core {
  kb: KnowledgeBase;
  matcher: Matcher;
  respond: Respond;
}

/**
 * Builds the core from an already loaded knowledge base. With `cacheDir` (the start-up cache),
 * the matcher reuses the texts an earlier start prepared (matching/prepared.ts) and saves the
 * ones it had to prepare.
 */
export function createCore(kb: KnowledgeBase, thresholds?: DecisionThresholds, cacheDir?: string): Core {
  let matcher: Matcher;
  if (cacheDir) {
    const key = preparedKey(kb);
    const prepared = readPrepared(cacheDir, key);
    matcher = createMatcher(kb, {}, prepared);
    writePrepared(cacheDir, key, prepared, kb);
  } else {
    matcher = createMatcher(kb);
  }
  return { kb, matcher, respond: createResponder({ kb, matcher, thresholds }) };
}

/**
 * Loads the knowledge base and builds the core (both through the start-up cache when
 * `options.cacheDir` is set).
 * @throws KnowledgeError naming file and line of every problem.
 */
export function loadCore(options: LoadOptions): Core {
  return createCore(loadKnowledge(options), undefined, options.cacheDir);
}
