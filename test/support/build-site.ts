/**
 * Vitest global setup for the browser tests: build the static site once per run (not once per test file),
 * under a file lock so that parallel runs on one machine don't write dist/ at the same time.
 * SEGMENTERA_SKIP_BUILD=1 reuses an existing dist/.
 */
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {join} from "node:path";

export default function buildSite(): void {
  const root = join(import.meta.dirname, "..", "..");
  if (process.env.SEGMENTERA_SKIP_BUILD && existsSync(join(root, "dist", "index.html"))) return;
  const started = performance.now();
  execFileSync("flock", ["/tmp/segmentera-build.lock", "npm", "run", "build", "--silent"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"]
  });
  process.stderr.write(`[e2e] site built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
