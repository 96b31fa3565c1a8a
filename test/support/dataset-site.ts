/**
 * Browser tests that need the site built from a dataset of their own (hostile text, planted personal data,
 * other companies' exports): build it into a folder of the test's, with the build lock the main build uses,
 * and afterwards leave Framework's loader cache clean for the next build of the real data.
 */
import {spawn} from "node:child_process";
import {once} from "node:events";
import {rm} from "node:fs/promises";
import {join} from "node:path";
import {SITE_CACHE_DIR} from "../../loaders/warehouse.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Build the site from the dataset folder `data` into `dist`. */
export async function buildDatasetSite(data: string, dist: string): Promise<void> {
  await buildSiteLocked(data, {SEGMENTERA_DATA: data, SEGMENTERA_DIST: dist});
}

/**
 * `npm run build` under the build lock, with `env` added; what it prints goes to stderr as it comes. A failed
 * build is run once more, after saying why on stderr (CI once lost a dataset build to a cause its kept log did
 * not show, and no run here reproduced it); a second failure throws with the end of what the build printed, so
 * the reason is in the test's failure itself, not only up the run's log.
 */
export async function buildSiteLocked(what: string, env: Record<string, string> = {}): Promise<void> {
  const first = await build(env);
  if (first.ok) return;
  process.stderr.write(
    `\n[e2e] the site build of ${what} failed (${first.ended}); building it once more. It printed:\n${first.tail}\n`
  );
  const second = await build(env);
  if (second.ok) return;
  throw new Error(
    `the site build of ${what} failed twice (${second.ended}); the end of what it printed:\n${second.tail}`
  );
}

async function build(env: Record<string, string>): Promise<{ok: boolean; ended: string; tail: string}> {
  const child = spawn("flock", ["/tmp/segmentera-build.lock", "npm", "run", "build", "--silent"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {...process.env, ...env}
  });
  let printed = "";
  child.stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    printed = (printed + chunk.toString("utf8")).slice(-20_000);
  });
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  const tail = printed.trimEnd().split("\n").slice(-30).join("\n");
  return {ok: code === 0, ended: signal ? `killed by ${signal}` : `exit code ${code}`, tail};
}

/** Remove the test's folder and Framework's loader cache (which now holds the test dataset's outputs). */
export async function removeDatasetSite(dir: string): Promise<void> {
  await rm(SITE_CACHE_DIR, {recursive: true, force: true});
  await rm(dir, {recursive: true, force: true});
}
