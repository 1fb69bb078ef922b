/** Small statistics and timing helpers shared by the benchmark sections. */

/** Latency summary of one timed loop, in milliseconds. */
export interface LatencySummary {
  /** Median latency of one call. */
  p50: number;
  /** 99th-percentile latency of one call. */
  p99: number;
  /** Slowest call. */
  max: number;
  /** Calls per second over the timed passes (total calls / total wall time). */
  perSecond: number;
  /** How many calls were timed. */
  samples: number;
  /** Total wall time of the timed calls, in ms. */
  wallMs: number;
}

/** Options of a timed loop. */
export interface TimedLoopOptions {
  /** Untimed calls made first, so the JIT and caches are warm. */
  warmup: number;
  /** How many times the whole input list is run while timing. */
  passes: number;
  /** Stop timing once this much wall time (ms) has gone by; at least one call is always timed. */
  budgetMs?: number | undefined;
  /** Run before timing starts (the bench collects the garbage other sections left behind). */
  beforeTiming?: (() => void) | undefined;
}

/** Nearest-rank percentile of already sorted values (`q` in [0, 1]). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median of unsorted values. */
export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** Summarises per-call latencies (ms) measured over `wallMs` of wall time. */
export function summarise(latencies: readonly number[], wallMs: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    perSecond: wallMs > 0 ? (latencies.length / wallMs) * 1000 : Number.NaN,
    samples: latencies.length,
    wallMs,
  };
}

/**
 * Times `call` over every input, `passes` times, after `warmup` untimed calls, stopping early
 * when `budgetMs` runs out. Works for synchronous and asynchronous calls alike (a returned
 * promise is awaited inside the timing).
 */
export async function timeLoop<T>(
  inputs: readonly T[],
  call: (input: T) => unknown,
  options: TimedLoopOptions,
): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i++) await call(inputs[i % inputs.length]!);
  options.beforeTiming?.();
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  timing: for (let pass = 0; pass < options.passes; pass++) {
    for (const input of inputs) {
      const t0 = performance.now();
      const out = call(input);
      if (out instanceof Promise) await out;
      const t1 = performance.now();
      latencies.push(t1 - t0);
      if (t1 >= deadline) break timing;
    }
  }
  return summarise(latencies, performance.now() - start);
}

/**
 * Least-squares slope of log(y) against log(x): the growth exponent k in y ∝ x^k
 * (1 = linear, 0.5 = square root, 0 = flat).
 */
export function logLogSlope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const pts = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
  if (pts.length < 2) return Number.NaN;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const p of pts) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den > 0 ? num / den : Number.NaN;
}

/** A deterministic pseudo-random generator (mulberry32), so synthetic data is the same every run. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounds for display and JSON: `digits` significant decimals. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
