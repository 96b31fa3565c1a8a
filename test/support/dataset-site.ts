/**
 * Browser tests that need the site built from a dataset of their own (hostile text, planted personal data,
 * other companies' exports): build it into a folder of the test's, with the build lock the main build uses,
 * and afterwards leave Framework's loader cache clean for the next build of the real data.
 */
import {execFileSync} from "node:child_process";
import {rm} from "node:fs/promises";
import {join} from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/** Build the site from the dataset folder `data` into `dist`. */
export function buildDatasetSite(data: string, dist: string): void {
  execFileSync("flock", ["/tmp/segmentera-build.lock", "npm", "run", "build", "--silent"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {...process.env, SEGMENTERA_DATA: data, SEGMENTERA_DIST: dist}
  });
}

/** Remove the test's folder and Framework's loader cache (which now holds the test dataset's outputs). */
export async function removeDatasetSite(dir: string): Promise<void> {
  await rm(join(ROOT, "src", ".observablehq", "cache"), {recursive: true, force: true});
  await rm(dir, {recursive: true, force: true});
}
