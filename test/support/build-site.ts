/**
 * Vitest global setup for the browser tests: build the static site once per run (not once per test file),
 * under a file lock so that parallel runs on one machine don't write dist/ at the same time.
 * SEGMENTERA_SKIP_BUILD=1 reuses an existing dist/.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {buildSiteLocked} from "./dataset-site.js";

export default async function buildSite(): Promise<void> {
  const root = join(import.meta.dirname, "..", "..");
  if (process.env.SEGMENTERA_SKIP_BUILD && existsSync(join(root, "dist", "index.html"))) return;
  const started = performance.now();
  await buildSiteLocked("the sample");
  process.stderr.write(`[e2e] site built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
