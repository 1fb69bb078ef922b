/** Memory readings for the benchmark: heap and RSS, after a full garbage collection when possible. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Heap used and resident set size, in MB. */
export interface MemoryReading {
  heapMB: number;
  rssMB: number;
}

let gcFn: (() => void) | undefined;

/**
 * Returns a function that forces a full GC. `npm run bench` runs without `--expose-gc`, so the
 * flag is switched on at run time and `gc` is fetched from a fresh context (a documented V8
 * trick); if that fails, readings are simply taken without collecting first.
 */
function getGc(): (() => void) | undefined {
  if (gcFn) return gcFn;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return (gcFn = existing);
  try {
    setFlagsFromString("--expose-gc");
    const fn: unknown = runInNewContext("gc");
    if (typeof fn === "function") gcFn = fn as () => void;
  } catch {
    gcFn = undefined;
  }
  return gcFn;
}

/** Whether readings are taken after a forced GC. */
export function canCollect(): boolean {
  return getGc() !== undefined;
}

/** Collects garbage (twice, so finalisers run) and reads heap and RSS. */
export function readMemory(): MemoryReading {
  const gc = getGc();
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

/** Forces a full garbage collection when possible (see `getGc`), so a timed loop does not pay for garbage made before it. */
export function collectGarbage(): void {
  getGc()?.();
}
