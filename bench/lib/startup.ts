/**
 * Section 4: start-up time and memory, measured in fresh processes running
 * `bench/startup-probe.mjs`. Each run is timed from spawn to the probe's `ready` line. Three ways
 * to start: the compiled bot as production runs it, the same without the start-up cache of the
 * knowledge base (the first start after a content change), and the TypeScript sources under tsx
 * as `npm start` runs them.
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
  /** The matcher's median and 99th-percentile latency over 3 passes of the dev questions, in this fresh process. */
  matchP50Ms: number;
  matchP99Ms: number;
}

/** One probe run, as the parent saw it. */
export interface StartupRun extends ProbeReport {
  /** Wall time from spawn to the `ready` line, measured by the parent. */
  spawnToReadyMs: number;
}

/** One way of starting the bot. */
export interface StartupVariant {
  name: string;
  args: readonly string[];
  env: Record<string, string>;
}

/** The ways the bench starts the probe; the first is the one held against the targets. */
export const STARTUP_VARIANTS: readonly StartupVariant[] = [
  { name: "node dist (production)", args: ["bench/startup-probe.mjs", "dist"], env: {} },
  { name: "node dist, INTENTS_CACHE=off", args: ["bench/startup-probe.mjs", "dist"], env: { INTENTS_CACHE: "off" } },
  { name: "tsx src (npm start)", args: ["--import", "tsx", "bench/startup-probe.mjs", "src"], env: {} },
];

/** Medians over the runs of one variant, plus the runs. */
export interface StartupResult {
  variant: string;
  command: string;
  runs: StartupRun[];
  median: StartupRun;
}

/** Runs the probe once; rejects after `timeoutMs` or on a non-zero exit. */
export function runProbe(variant: StartupVariant, timeoutMs = 30_000): Promise<StartupRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...variant.args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...variant.env },
    });
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

/**
 * Runs each variant's probe `runs` times, one after the other, after one unmeasured run that
 * fills the start-up cache, and takes the median of every field.
 */
export async function measureStartup(runs = 5, variants: readonly StartupVariant[] = STARTUP_VARIANTS): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const variant of variants) {
    await runProbe(variant);
    const all: StartupRun[] = [];
    for (let i = 0; i < runs; i++) all.push(await runProbe(variant));
    const keys = Object.keys(all[0]!) as Array<keyof StartupRun>;
    const med = Object.fromEntries(keys.map((k) => [k, median(all.map((r) => r[k]))])) as unknown as StartupRun;
    const env = Object.entries(variant.env).map(([k, v]) => `${k}=${v} `).join("");
    results.push({ variant: variant.name, command: `${env}node ${variant.args.join(" ")}`, runs: all, median: med });
  }
  return results;
}
