/**
 * Start-up probe, run as its own process by the benchmark (`node --import tsx
 * bench/startup-probe.ts`): loads the knowledge base and builds the core the way `main.ts` does,
 * prints `ready`, answers 200 dev questions, then prints one JSON line of measurements.
 * Modules are imported dynamically so their load time is measured too.
 */
const bootMs = process.uptime() * 1000;
const t0 = performance.now();
const { parseConfig } = await import("../src/config.ts");
const { loadKnowledge } = await import("../src/knowledge/load.ts");
const { createCore } = await import("../src/core.ts");
const { DEV_SET_PATH, readQuestionSet } = await import("./lib/dataset.ts");
const t1 = performance.now();
const config = parseConfig({ INTENTS_DIR: "intents" });
const kb = loadKnowledge({ dir: config.intentsDir, seedsDir: config.seedsDir, factsFile: config.factsFile, cacheDir: config.intentsCache });
const t2 = performance.now();
const core = createCore(kb);
const t3 = performance.now();
const readyMs = process.uptime() * 1000;
const rssReadyMB = process.memoryUsage().rss / 2 ** 20;
process.stdout.write("ready\n");

const questions = readQuestionSet("dev", DEV_SET_PATH)?.rows.map((r) => r.question) ?? ["花呗逾期了怎么办"];
for (let i = 0; i < 200; i++) core.respond({ text: questions[i % questions.length]!, chat: "private", addressed: true });
const memory = process.memoryUsage();
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
  })}\n`,
);
