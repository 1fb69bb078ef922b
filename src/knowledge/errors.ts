/** Developer-facing errors of the knowledge base. */

/** One problem in the knowledge base, located in its file. */
export interface KnowledgeProblem {
  /** Path of the file, relative to the working directory. */
  file: string;
  /** 1-based line and column; 0 when the problem concerns the file as a whole. */
  line: number;
  col: number;
  /** Path inside the YAML document, e.g. `intents[3].rights[1]`. */
  path: string;
  message: string;
  /** The offending line and its neighbours, with a `>` marker. */
  context: string;
}

/** Formats a problem as `file:line:col: message (path)` plus the marked context lines. */
export function formatProblem(p: KnowledgeProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const path = p.path ? ` (${p.path})` : "";
  return `${where}: ${p.message}${path}${p.context ? `\n${p.context}` : ""}`;
}

/** Every problem found while loading the knowledge base, collected and thrown at once. */
export class KnowledgeError extends Error {
  override readonly name = "KnowledgeError";
  readonly problems: readonly KnowledgeProblem[];

  constructor(problems: readonly KnowledgeProblem[]) {
    const n = problems.length;
    super(
      `The knowledge base has ${n} problem${n === 1 ? "" : "s"}:\n\n${problems.map(formatProblem).join("\n\n")}`,
    );
    this.problems = problems;
  }

  /** The first problem's file and line, for callers that report one location. */
  get file(): string | undefined {
    return this.problems[0]?.file;
  }
  get line(): number | undefined {
    return this.problems[0]?.line;
  }
}
