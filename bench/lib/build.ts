/**
 * Compiles the bot into `dist/` (`npm run build`), for the sections that run it as production
 * does: end to end and start-up.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

/** Runs `tsc -p tsconfig.build.json`; throws with the compiler's output when it fails. */
export function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}
