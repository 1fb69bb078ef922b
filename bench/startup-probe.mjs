/**
 * Start-up probe, run as its own process by the benchmark: loads the knowledge base and builds
 * the core the way `main.ts` does (same configuration, so the start-up cache is used unless
 * INTENTS_CACHE=off), prints `ready`, answers 200 dev questions, times the matcher over the dev
 * questions, then prints one JSON line of measurements. Modules are imported dynamically so their load time is measured too.
 *
 *   node bench/startup-probe.mjs dist                 # the compiled bot, as production runs it
 *   node --import tsx bench/startup-probe.mjs src     # the TypeScript sources, as `npm start` runs them
 *
 * Plain JavaScript, so the same file drives both builds.
 */
import { readFileSync } from "node:fs";

const bootMs = process.uptime() * 1000;
const root = process.argv[2] === "src" ? "../src" : "../dist";
const ext = root === "../src" ? "ts" : "js";
const module = (path) => import(new URL(`${root}/${path}.${ext}`, import.meta.url).href);

const t0 = performance.now();
const { parseConfig } = await module("config");
const { loadKnowledge } = await module("knowledge/load");
const { buildCore } = await module("core");
const t1 = performance.now();
const config = parseConfig({ INTENTS_DIR: "intents", INTENTS_CACHE: process.env.INTENTS_CACHE });
const kb = loadKnowledge({
  dir: config.intentsDir,
  seedsDir: config.seedsDir,
  factsFile: config.factsFile,
  cacheDir: config.intentsCache,
});
const t2 = performance.now();
const core = buildCore(kb, config.intentsCache);
const t3 = performance.now();
const readyMs = process.uptime() * 1000;
const rssReadyMB = process.memoryUsage().rss / 2 ** 20;
process.stdout.write("ready\n");

// The dev questions (question<TAB>label a line, header first).
const questions = readFileSync(new URL("../tests/fixtures/dev-set.tsv", import.meta.url), "utf8")
  .split("\n")
  .slice(1)
  .map((line) => line.slice(0, line.lastIndexOf("\t")))
  .filter(Boolean);
for (let i = 0; i < 200; i++) core.respond({ text: questions[i % questions.length], chat: "private", addressed: true });
const memory = process.memoryUsage();

// Latency of the matcher in the bot's own process (a small heap, nothing else running): three
// passes over the dev questions, pass p with p trailing spaces, as section 1 times them.
const latencies = [];
for (let pass = 0; pass < 3; pass++) {
  for (const q of questions) {
    const text = q + " ".repeat(pass);
    const t = performance.now();
    core.matcher.match(text);
    latencies.push(performance.now() - t);
  }
}
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
process.stdout.write(
  `${JSON.stringify({
    bootMs,
    importMs: t1 - t0,
    loadKnowledgeMs: t2 - t1,
    buildCoreMs: t3 - t2,
    readyMs,
    rssReadyMB,
    rssWarmMB: memory.rss / 2 ** 20,
    heapWarmMB: memory.heapUsed / 2 ** 20,
    matchP50Ms: at(0.5),
    matchP99Ms: at(0.99),
  })}\n`,
);
