/**
 * Bundle the Vega packages the pages draw with into one module, src/components/vendor/vega.js, before the site is
 * built or previewed (`npm run build`, `npm run dev`).
 *
 * Framework serves every npm package a page imports as a module of its own: Vega-Lite, Vega and their
 * dependencies are about 60 of a report page's 75 modules, and loading and linking them kept the first chart
 * from appearing in under a second. One bundled module draws the same charts with the same code.
 *
 * What is bundled is declared once, in src/components/vendor/vega.d.ts: its re-exports are both the type
 * checker's view of the module and this bundle's entry. The bundle is generated (gitignored), so it always
 * matches the installed packages.
 */
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {build} from "esbuild";
import {PROJECT_ROOT} from "../warehouse.js";

const VENDOR = join(PROJECT_ROOT, "src", "components", "vendor");

/** Write vendor/vega.js from the re-exports of vendor/vega.d.ts. */
async function bundleVega(): Promise<void> {
  await build({
    stdin: {contents: await readFile(join(VENDOR, "vega.d.ts"), "utf8"), resolveDir: PROJECT_ROOT, loader: "js"},
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    outfile: join(VENDOR, "vega.js"),
    logLevel: "warning"
  });
}

await bundleVega();
