/** Plain-text tables and number formats for the benchmark's console output. */

/** Lays out rows under headers, columns padded; cells that look numeric are right-aligned. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const numeric = /^[-+×x~<>≈]?[\d.,]+/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Milliseconds with precision that suits their size (0.042, 2.65, 31.4, 1250). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** A count with thousands separators. */
export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a";
}

/** A share as a percentage with one decimal. */
export function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : "n/a";
}

/** A ratio as `×1.23`. */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return `×${value >= 10 ? value.toFixed(0) : value.toFixed(2)}`;
}

/** Megabytes with one decimal. */
export function mb(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : "n/a";
}
