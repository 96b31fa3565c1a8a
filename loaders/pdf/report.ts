/**
 * `npm run report [-- out.pdf]`: the management report (/report) as an A4 PDF, printed by headless Chromium
 * from the built site (built first when dist/ is missing). Default output: dist/segmentera-report.pdf.
 */
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import {serveStatic} from "./static-server.js";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Print /report of a built site to `output`; returns the number of pages. */
export async function printReport(dist: string, output: string): Promise<number> {
  const server = await serveStatic(dist);
  const profile = await mkdtemp(join(tmpdir(), "segmentera-pdf-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ],
    env: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, HOME: profile}
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/report`, {waitUntil: "networkidle"});
    await page.waitForFunction(
      () => {
        const figures = [...document.querySelectorAll("figure.vl-chart")];
        return figures.length > 0 && figures.every((f) => (f as HTMLElement).dataset.rendered === "true");
      },
      undefined,
      {timeout: 60_000}
    );
    await page.emulateMedia({media: "print"});
    await page.pdf({
      path: output,
      format: "A4",
      printBackground: true,
      margin: {top: "14mm", bottom: "14mm", left: "14mm", right: "14mm"}
    });
    return countPages(await readFile(output));
  } finally {
    await context.close();
    await server.close();
    await rm(profile, {recursive: true, force: true});
  }
}

/** Pages in a PDF: the /Type /Page objects (not the /Pages tree nodes). */
export function countPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = join(ROOT, "dist");
  const output = resolve(process.argv[2] ?? join(dist, "segmentera-report.pdf"));
  if (!existsSync(join(dist, "report.html"))) execFileSync("npm", ["run", "build"], {cwd: ROOT, stdio: "inherit"});
  const pages = await printReport(dist, output);
  process.stderr.write(`Wrote ${output} (${pages} A4 pages)\n`);
}
