/**
 * Hostile input (issue 7): customer names and sales notes holding HTML, script, quotes, very long strings,
 * emoji and right-to-left text must render as text on every page (tables, cards, tooltips, slides); no script
 * from the data may run. The site is built from a small generated dataset whose names were replaced by such
 * strings, with names published, into its own output folder.
 */
import {mkdtemp, readFile, readdir, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvFormatRows, csvParseRows} from "d3-dsv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildDatasetSite, removeDatasetSite} from "../support/dataset-site.js";
import {generateSample} from "../../loaders/generator/index.js";
import {serveStatic, sitePages, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, watchPage, type Browser} from "../support/browser.js";

const ROOT = join(import.meta.dirname, "..", "..");
const HOSTILE = [
  `<script>window.__pwned = "script"</script>Skript AB`,
  `<img src=x onerror="window.__pwned='img'">Bild & Co`,
  `"Citat" 'AB'; DROP TABLE customers; --`,
  `${"Långt namn ".repeat(400)}AB`,
  "Emoji 🧵👕🚀 Textil AB",
  "شركة النسيج العربية ‏RTL‏ AB",
  `<svg onload="window.__pwned='svg'"></svg>Vektor AB`
];

const FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","Klicka")';

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-hostile-"));
  const data = join(dir, "data");
  await generateSample(data, {seed: 11, scale: 0.2});
  const customers = csvParseRows(await readFile(join(data, "customers.csv"), "utf8"));
  const profiles = csvParseRows(await readFile(join(data, "account_profiles.csv"), "utf8"));
  const privateLabel = new Set(profiles.slice(1).map((p) => p[0]));
  // Hostile names on every private-label account (cards, slides: script, emoji, RTL, img first) and on the
  // first catalogue customers (tables, tooltips).
  const accountOrder = [0, 4, 5, 1, 2, 3, 6];
  let account = 0;
  let catalogue = 0;
  for (const row of customers.slice(1)) {
    if (privateLabel.has(row[0])) row[1] = HOSTILE[accountOrder[account++ % accountOrder.length]];
    else if (catalogue < 14) row[1] = HOSTILE[catalogue++ % HOSTILE.length];
  }
  for (const [n, row] of profiles.slice(1).entries()) {
    row[3] = HOSTILE[(n + 1) % HOSTILE.length]; // decision makers
    row[8] = HOSTILE[(n + 2) % HOSTILE.length]; // contact person
    row[9] = HOSTILE[(n + 3) % HOSTILE.length]; // notes
  }
  // Every other text column a page shows: regions, reps and organisation types of the first customers,
  // article names and categories, and one customer type that is a spreadsheet formula (rejected, so it reaches
  // the rejects CSV).
  for (const [n, row] of customers.slice(1, 8).entries()) {
    row[4] = HOSTILE[n % HOSTILE.length]; // org_type
    row[6] = HOSTILE[(n + 1) % HOSTILE.length]; // region
    row[7] = HOSTILE[(n + 2) % HOSTILE.length]; // sales_rep
  }
  const extra = [...customers[customers.length - 1]];
  [extra[0], extra[3]] = ["K99999", FORMULA]; // a customer without sales whose type is rejected as invalid_value
  customers.push(extra);
  const articles = csvParseRows(await readFile(join(data, "articles.csv"), "utf8"));
  for (const [n, row] of articles.slice(1, 8).entries()) {
    row[1] = HOSTILE[n % HOSTILE.length]; // article_name
    row[2] = HOSTILE[(n + 3) % HOSTILE.length]; // category
  }
  await writeFile(join(data, "articles.csv"), csvFormatRows(articles));
  await writeFile(join(data, "customers.csv"), csvFormatRows(customers));
  await writeFile(join(data, "account_profiles.csv"), csvFormatRows(profiles));
  const config = JSON.parse(await readFile(join(ROOT, "data", "sample", "segmentera.json"), "utf8"));
  await writeFile(join(data, "segmentera.json"), JSON.stringify({...config, settings: {publishPersonalData: true}}));
  await buildDatasetSite(data, join(dir, "dist"));
  server = await serveStatic(join(dir, "dist"));
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDatasetSite(dir);
});

describe("hostile names and notes", () => {
  it("render as text on every page, and no script from the data runs", async () => {
    const pages = await sitePages(join(dir, "dist"));
    for (const path of pages) {
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const problems = watchPage(page, server.url);
      await page.goto(server.url + path, {waitUntil: "networkidle"});
      await page.waitForTimeout(500);
      // Hover a few marks so tooltips render the names too.
      for (const mark of (
        await page.locator("figure.vl-chart g.mark-symbol path, figure.vl-chart g.mark-rect path").all()
      ).slice(0, 5)) {
        await mark.hover({force: true, timeout: 2000}).catch(() => undefined);
      }
      const pwned = await page.evaluate(() => (window as unknown as {__pwned?: string}).__pwned ?? null);
      expect({
        path,
        pwned,
        dialogs,
        pageErrors: problems.pageErrors,
        externalRequests: problems.externalRequests
      }).toEqual({path, pwned: null, dialogs: [], pageErrors: [], externalRequests: []});
      await page.close();
    }
  });

  it("shows the account names literally on the account cards", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/accounts`, {waitUntil: "networkidle"});
    const titles = await page.locator(".account-card h3").allTextContents();
    expect(titles.some((t) => t.includes("<script>"))).toBe(true);
    expect(titles.some((t) => t.includes("🧵"))).toBe(true);
    expect(
      await page.locator(".account-card script, .account-card img[src=x], .account-card svg[onload]").count()
    ).toBe(0);
    await page.screenshot({path: join(ROOT, "test-output", "screenshots", "hostile-accounts.png"), fullPage: true});
    await page.close();
  });

  it("has a Content-Security-Policy that allows only the site's own origin", async () => {
    const html = await readFile(join(dir, "dist", "index.html"), "utf8");
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).not.toMatch(/https?:|\*/);
    const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? "";
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).toContain("'sha256-");
  });

  it("writes the rejects CSV with formulas neutralised (issue 14)", async () => {
    const files = await readdir(join(dir, "dist"), {recursive: true});
    const rejects = files.find((f) => /rejects(\.[0-9a-f]+)?\.csv$/.test(f))!;
    const rows = csvParseRows(await readFile(join(dir, "dist", rejects), "utf8"));
    const values = rows.slice(1).map((r) => r[rows[0].indexOf("value")]);
    expect(values).toContain(`'${FORMULA}`);
    expect(values.filter((v) => /^[=+@\t\r]/.test(v) || /^-[^\d]/.test(v))).toEqual([]);
  });
});
