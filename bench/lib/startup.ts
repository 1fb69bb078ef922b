/**
 * Section 4: start-up time and memory, measured in fresh processes running
 * `bench/startup-probe.ts`. Each run is timed from spawn to the probe's `ready` line.
 */
import { spawn } from "node:child_process";
import { median } from "./stats.ts";

/** What the probe reports about itself (see bench/startup-probe.ts). */
export interface ProbeReport {
  /** process.uptime() when the probe's first line ran: Node start-up plus the tsx loader. */
  bootMs: number;
  /** Importing config, knowledge, core (tsx transforms TypeScript on the fly). */
  importMs: number;
  /** Reading and validating the YAML knowledge base (citations checked when the seeds exist). */
  loadKnowledgeMs: number;
  /** createCore: normaliser (OpenCC dictionaries), matcher index, responder. */
  buildCoreMs: number;
  /** process.uptime() at ready. */
  readyMs: number;
  rssReadyMB: number;
  /** RSS after answering 200 dev questions. */
  rssWarmMB: number;
  heapWarmMB: number;
}

/** One probe run, as the parent saw it. */
export interface StartupRun extends ProbeReport {
  /** Wall time from spawn to the `ready` line, measured by the parent. */
  spawnToReadyMs: number;
}

/** Medians over the runs, plus the runs. */
export interface StartupResult {
  command: string;
  runs: StartupRun[];
  median: StartupRun;
}

/** The probe command (relative to the repository root). */
export const PROBE_ARGS = ["--import", "tsx", "bench/startup-probe.ts"] as const;

/** Runs the probe once; rejects after `timeoutMs` or on a non-zero exit. */
export function runProbe(timeoutMs = 30_000): Promise<StartupRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...PROBE_ARGS], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let spawnToReadyMs = Number.NaN;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`start-up probe took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (Number.isNaN(spawnToReadyMs) && (out + chunk).includes("ready\n")) spawnToReadyMs = performance.now() - start;
      out += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) {
        reject(new Error(`start-up probe exited with ${code}: ${err.trim().slice(-500)}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as ProbeReport), spawnToReadyMs });
    });
  });
}

/** Runs the probe `runs` times, one after the other, and takes the median of every field. */
export async function measureStartup(runs = 5): Promise<StartupResult> {
  const all: StartupRun[] = [];
  for (let i = 0; i < runs; i++) all.push(await runProbe());
  const keys = Object.keys(all[0]!) as Array<keyof StartupRun>;
  const med = Object.fromEntries(keys.map((k) => [k, median(all.map((r) => r[k]))])) as unknown as StartupRun;
  return { command: `node ${PROBE_ARGS.join(" ")}`, runs: all, median: med };
}
