/**
 * The end-to-end bench's readings of a process from /proc: CPU time and resident memory. A
 * broken reading would print "n/a" in every run without failing anything else.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cpuMsOf, rssMbOf } from "../../bench/lib/webhook-load.ts";

const hasProc = existsSync(`/proc/${process.pid}/status`);

describe("process readings from /proc", () => {
  it.runIf(hasProc)("reads this process's resident memory in MB, close to what Node reports", () => {
    const reported = process.memoryUsage().rss / 2 ** 20;
    const read = rssMbOf(process.pid);
    expect(read).toBeGreaterThan(reported * 0.8);
    expect(read).toBeLessThan(reported * 1.25);
  });

  it.runIf(hasProc)("reads CPU time that grows while this process computes", () => {
    const before = cpuMsOf(process.pid);
    const until = performance.now() + 100;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuMsOf(process.pid)).toBeGreaterThan(before);
  });

  it("gives NaN for a process that is not there", () => {
    expect(rssMbOf(undefined)).toBeNaN();
    expect(cpuMsOf(undefined)).toBeNaN();
    expect(rssMbOf(2 ** 22 + 7)).toBeNaN(); // above Linux's largest pid
  });
});
