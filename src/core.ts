/**
 * The core as one value: knowledge base, matcher and responder, built from a knowledge-base
 * folder. `main.ts`, the CLI, tests and benchmarks all build it the same way.
 */
import { loadKnowledge, type LoadOptions } from "./knowledge/load.ts";
import type { KnowledgeBase } from "./knowledge/types.ts";
import type { DecisionThresholds } from "./matching/decide.ts";
import { createMatcher, type Matcher } from "./matching/matcher.ts";
import { createResponder, type Respond } from "./dialogue/respond.ts";

/** Everything needed to answer messages. */
export interface Core {
  kb: KnowledgeBase;
  matcher: Matcher;
  respond: Respond;
}

/** Builds the core from an already loaded knowledge base. */
export function createCore(kb: KnowledgeBase, thresholds?: DecisionThresholds): Core {
  const matcher = createMatcher(kb);
  return { kb, matcher, respond: createResponder({ kb, matcher, thresholds }) };
}

/**
 * Loads the knowledge base and builds the core.
 * @throws KnowledgeError naming file and line of every problem.
 */
export function loadCore(options: LoadOptions): Core {
  return createCore(loadKnowledge(options));
}
