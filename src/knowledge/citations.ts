/**
 * Checks that citations point at something real: a seed heading that exists in the seed file,
 * a fact-sheet section that exists in `legal-facts.md`. Both documents are optional at run
 * time (a deployed bot has no `../shared`); `check` and CI have them.
 */

/** The reference documents citations are checked against. */
export interface CitationDocs {
  /** Seed file name → its text. Absent: seed sections are not checked. */
  seeds?: ReadonlyMap<string, string> | undefined;
  /** The fact sheet's text. Absent: fact refs are not checked. */
  facts?: string | undefined;
}

// Headings are compared without width, spacing or punctuation differences (1.不会,花呗 ~ 1.不会，花呗).
const fold = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/[\s:：,，、。.．?？!！]/g, "")
    .toLowerCase();

/** True when some line of `seedText` starts with `section` (a heading or a paragraph's opening). */
export function seedHasSection(seedText: string, section: string): boolean {
  const wanted = fold(section);
  if (!wanted) return false;
  return seedText.split(/\r?\n/).some((line) => fold(line).startsWith(wanted));
}

/**
 * Splits the fact sheet into its numbered sections: `## 7. Hotlines` is section `7`,
 * `**1a. …**` or `- **6a.**` is section `1a`. A top section's text includes its sub-sections.
 */
export function factSections(factSheet: string): Map<string, string> {
  const sections = new Map<string, string[]>();
  let top: string | undefined;
  let sub: string | undefined;
  for (const line of factSheet.split(/\r?\n/)) {
    const topMatch = /^##\s+(\d+)\./.exec(line);
    const subMatch = /^(?:-\s+)?\*\*(\d+[a-z])\./.exec(line);
    if (topMatch) {
      top = topMatch[1];
      sub = undefined;
    } else if (/^##\s/.test(line)) {
      top = undefined;
      sub = undefined;
    } else if (subMatch) {
      sub = subMatch[1];
    }
    for (const key of [top, sub]) {
      if (key === undefined) continue;
      if (!sections.has(key)) sections.set(key, []);
      sections.get(key)!.push(line);
    }
  }
  return new Map([...sections].map(([k, v]) => [k, v.join("\n")]));
}
