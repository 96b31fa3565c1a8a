/**
 * `npm run report [-- out.pdf]`: the management report (/report) as an A4 PDF, printed by headless Chromium
 * from the built site (built first when dist/ is missing). Default output: dist/segmentera-report.pdf.
 */
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chartsDrawn, launchChromium} from "./chromium.js";
import {serveStatic} from "./static-server.js";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");

/** Print /report of a built site to `output`; returns the number of pages. */
export async function printReport(dist: string, output: string): Promise<number> {
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/report`, {waitUntil: "networkidle"});
    await page.waitForFunction(chartsDrawn, true, {timeout: 60_000});
    await page.emulateMedia({media: "print"});
    await page.pdf({
      path: output,
      format: "A4",
      printBackground: true,
      margin: {top: "14mm", bottom: "14mm", left: "14mm", right: "14mm"}
    });
    return countPages(await readFile(output));
  } finally {
    await browser.close();
    await server.close();
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
