/**
 * `npm run eval -- FILE.tsv [FILE.tsv …] [--json]`: top-1/top-3 accuracy, answer precision,
 * out-of-scope precision and recall, worst confusions, a threshold sweep, and the plain
 * fuse.js baseline, for each labelled file. Default: the dev set, the blind sets, and real-dev when present.
 */
import { existsSync } from "node:fs";
import { createCore } from "../src/core.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_THRESHOLDS } from "../src/matching/decide.ts";
import { createEvalCache, evaluate, readEvalFile, sweep } from "./evaluate.ts";
import { LABELLED_SET_PATHS, REAL_DEV_PATH } from "./lib/dataset.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
let files = args.filter((a) => a !== "--json");
if (files.length === 0) files = [...LABELLED_SET_PATHS, REAL_DEV_PATH].filter((f) => existsSync(f));

const { kb, matcher } = createCore(loadKnowledge({ dir: process.env.INTENTS_DIR ?? "intents" }));
const reports = files.map((file) => {
  const rows = readEvalFile(file);
  const cache = createEvalCache(kb, matcher);
  return { file, ...evaluate(kb, matcher, rows, undefined, cache), sweep: sweep(kb, matcher, rows, [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6], cache) };
});

if (json) {
  console.log(JSON.stringify(reports, null, 2));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const r of reports) {
    console.log(`\n== ${r.file}: ${r.rows} questions (${r.inScope} in scope, ${r.outOfScope} none)`);
    console.log(`top-1 ${pct(r.top1)}   top-3 ${pct(r.top3)}   (plain fuse.js defaults: top-1 ${pct(r.baseline.top1)}, top-3 ${pct(r.baseline.top3)})`);
    console.log(`answer precision ${pct(r.answerPrecision)}   answer rate ${pct(r.answerRate)}   answered right ${pct(r.answerRecall)}`);
    console.log(`out-of-scope recall ${pct(r.outOfScopeRecall)}   precision ${pct(r.outOfScopePrecision)}   in-scope refused ${r.inScopeRefused} of ${r.inScope}   kinds ${JSON.stringify(r.kinds)}`);
    console.log("worst confusions:");
    for (const c of r.confusions) console.log(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.got}`);
    console.log(`threshold sweep (answer threshold for in-domain questions, others +${(DEFAULT_THRESHOLDS.answer - DEFAULT_THRESHOLDS.inDomainAnswer).toFixed(2)}: answer rate / precision / answered right / out-of-scope recall):`);
    for (const s of r.sweep) console.log(`  ${s.answer.toFixed(2)}: ${pct(s.answerRate)} / ${pct(s.answerPrecision)} / ${pct(s.answerRecall)} / ${pct(s.outOfScopeRecall)}`);
  }
}
