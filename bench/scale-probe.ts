/**
 * Section 2 again, in a process of its own on one core: `bench/lib/scale.ts` spawns it as
 * `node --single-threaded-gc --expose-gc --import tsx bench/scale-probe.ts`. V8 collects garbage
 * on helper threads by default; with `--single-threaded-gc` every collection runs on the thread
 * that matches, so the latencies are what one core does alone (issue 6 sets its p99 targets "on
 * one core"). Prints the ScaleResult as JSON on stdout; progress goes to stderr.
 */
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEV_SET_PATH, readQuestionSet } from "./lib/dataset.ts";
import { DEFAULT_SCALE_OPTIONS, measureScale } from "./lib/scale.ts";

const kb = loadKnowledge({ dir: "intents" });
const dev = readQuestionSet("dev", DEV_SET_PATH, kb);
if (!dev) throw new Error(`${DEV_SET_PATH} is missing`);
const result = await measureScale(
  kb,
  dev.rows.map((r) => r.question),
  DEFAULT_SCALE_OPTIONS,
  (line) => process.stderr.write(`· one core: ${line}\n`),
);
process.stdout.write(`${JSON.stringify(result)}\n`);
