/**
 * Issue 10: every page reads correctly on data that is not the sample. The bundled UCI Online Retail example
 * (GBP, en-GB, data ending on 9 December, no cost of goods, no private-label customers, no cost events) is built
 * into its own folder; every page must show no "undefined", "NaN", "Infinity", "∞" or "null", no error, and the
 * headline revenue and customer count must equal what this test computes from the raw CSV itself.
 */
import {mkdirSync} from "node:fs";
import {mkdtemp, readdir, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildDatasetSite, removeDatasetSite} from "../support/dataset-site.js";
import {serveStatic, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, NO_FAILURES, pageFailures, watchPage, type Browser} from "../support/browser.js";
import {parseCsv} from "../support/csv.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ONLINE_RETAIL = join(ROOT, "data", "online-retail");
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-datasets-"));
  buildDatasetSite(ONLINE_RETAIL, join(dir, "dist"));
  server = await serveStatic(join(dir, "dist"));
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, {recursive: true});
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDatasetSite(dir);
});

/** The 2011 figures of the accepted lines, from the CSV: a customer, a price ≥ 0, a quantity ≠ 0. */
async function reference(): Promise<{revenuePence: bigint; customers: number; lastDate: string}> {
  const [header, ...records] = parseCsv(await readFile(join(ONLINE_RETAIL, "online-retail-sample.csv"), "utf8"));
  const col = (name: string) => header.indexOf(name);
  let revenuePence = 0n;
  let lastDate = "";
  const customers = new Set<string>();
  for (const r of records) {
    const customer = r[col("CustomerID")].trim();
    const quantity = Number(r[col("Quantity")]);
    const priceMilli = Math.round(Number(r[col("UnitPrice")]) * 1000);
    if (!customer || priceMilli < 0 || quantity === 0) continue;
    const date = r[col("InvoiceDate")].slice(0, 10);
    if (date > lastDate) lastDate = date;
    if (!date.startsWith("2011")) continue;
    customers.add(customer);
    const milli = BigInt(quantity) * BigInt(priceMilli); // round(quantity × price, 2), half away from zero
    revenuePence += (milli >= 0n ? milli + 5n : milli - 5n) / 10n;
  }
  return {revenuePence, customers: customers.size, lastDate};
}

describe("the Online Retail example", () => {
  it("headlines 2011 up to its last day with the revenue and customers of the raw file", async () => {
    const files = await readdir(join(dir, "dist", "_file", "data"));
    const file = files.find((f) => /^headline\.[0-9a-f]+\.json$/.test(f))!;
    const headline = JSON.parse(await readFile(join(dir, "dist", "_file", "data", file), "utf8"));
    const expected = await reference();
    expect(expected.lastDate).toBe("2011-12-09");
    expect(headline.latest.label).toBe("2011, 1 Jan – 9 Dec");
    expect(Math.round(headline.latest.revenue * 100)).toBe(Number(expected.revenuePence));
    expect(headline.latest.customers).toBe(expected.customers);
    expect(headline.latest.gross_margin_pct).toBeNull();
    expect(headline.previous).toBeNull(); // the data starts on 1 December 2010
  });

  it("shows no undefined, NaN, infinite or null value and no error on any page", async () => {
    const pages = (await readdir(join(dir, "dist"), {recursive: true}))
      .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
      .map((f) => "/" + relative(".", f).replace(/(index)?\.html$/, ""));
    expect(pages.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const path of pages) {
      const page = await browser.context.newPage();
      const problems = watchPage(page, server.url);
      await page.goto(server.url + path, {waitUntil: "networkidle"});
      await page.waitForTimeout(path === "/explore" ? 4000 : 800);
      const text = await page.evaluate(() => document.body.innerText);
      for (const match of text.matchAll(
        /[^\n]{0,40}(\bundefined\b|\bNaN\b|\bInfinity\b|∞|\bnull\b|\$\{)[^\n]{0,20}/g
      )) {
        found.push(`${path}: ${match[0]}`);
      }
      const errors = await page.locator(".observablehq--error").allTextContents();
      found.push(...errors.map((e) => `${path}: ${e.slice(0, 120)}`));
      expect({path, ...pageFailures(problems)}).toEqual({path, ...NO_FAILURES});
      if (path === "/") await page.screenshot({path: join(SCREENSHOTS, "online-retail-overview.png"), fullPage: true});
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
