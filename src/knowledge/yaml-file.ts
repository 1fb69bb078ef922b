/**
 * Parses one YAML file keeping node positions, so every later problem (schema or cross-file)
 * can be reported as `file:line:col` with the offending line shown.
 */
import { createRequire } from "node:module";
import type { Document } from "yaml";
import type { KnowledgeProblem } from "./errors.ts";

// `yaml` is loaded on first use, not at import: a start that finds its knowledge base in the
// start-up cache parses no YAML and so skips loading the module (about 45 ms of a cold start).
const require = createRequire(import.meta.url);
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml") as typeof import("yaml"));

/** A path inside a YAML document: keys and list indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML file that can locate any path in its source. */
export interface YamlFile {
  file: string;
  /** The plain data, or undefined when the file did not parse. */
  data: unknown;
  /** Syntax errors, already located. */
  syntaxProblems: KnowledgeProblem[];
  /** Builds a located problem for `path` (the nearest existing parent when `path` is missing). */
  problem(path: YamlPath, message: string): KnowledgeProblem;
}

/** Renders `a.b[2].c` for messages. */
export function formatPath(path: YamlPath): string {
  return path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join("");
}

function contextLines(lines: readonly string[], line: number): string {
  if (line < 1) return "";
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
  }
  return out.join("\n");
}

/** Parses `source` (the text of `file`). Never throws: syntax errors become problems. */
export function parseYamlFile(file: string, source: string): YamlFile {
  const { LineCounter, parseDocument, isCollection } = yaml();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lines = source.split(/\r?\n/);

  const at = (offset: number | undefined, path: YamlPath, message: string): KnowledgeProblem => {
    const pos = offset === undefined ? { line: 0, col: 0 } : lineCounter.linePos(offset);
    return {
      file,
      line: pos.line,
      col: pos.col,
      path: formatPath(path),
      message,
      context: contextLines(lines, pos.line),
    };
  };

  const problem = (path: YamlPath, message: string): KnowledgeProblem => {
    // Walk down as far as the path exists; a missing key is reported at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
        let offset = node.range[0] as number;
        // For a key of a map, point at the key rather than the value when we can.
        if (n > 0 && n === path.length) {
          const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
          if (isCollection(parent)) {
            const key = path[n - 1];
            const pair = (parent.items as unknown[]).find(
              (item) =>
                typeof item === "object" &&
                item !== null &&
                "key" in item &&
                (item as { key: { value?: unknown } | null }).key?.value === key,
            ) as { key: { range?: [number, number, number] } } | undefined;
            if (pair?.key?.range) offset = pair.key.range[0];
          }
        }
        return at(offset, path, message);
      }
    }
    return at(undefined, path, message);
  };

  const syntaxProblems = [...doc.errors, ...doc.warnings].map((err) =>
    at(err.pos[0], [], `YAML ${err.name === "YAMLWarning" ? "warning" : "syntax error"}: ${err.message.split("\n")[0]}`),
  );
  const data = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { file, data, syntaxProblems, problem };
}
