/**
 * Issue 10: every page reads correctly on data that is not the sample. The bundled UCI Online Retail example
 * (GBP, en-GB, data ending on 9 December, no cost of goods, no private-label customers, no cost events) is built
 * into its own folder; every page must show no "undefined", "NaN", "Infinity", "∞" or "null", no error, and the
 * headline revenue and customer count must equal what this test computes from the raw CSV itself.
 *
 * The same holds for three variants of a small generated sample that share the other shapes a real export has
 * (test/support/variants.ts): data ending mid-year in USD with en-US and US dates, no cost of goods, no cost
 * events and discounts as fractions; a single year without private-label customers, account profiles or an
 * articles file, read from an invoice-header + invoice-lines pair; and one customer alone.
 */
import {mkdirSync} from "node:fs";
import {mkdtemp, readdir, readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildDatasetSite, removeDatasetSite} from "../support/dataset-site.js";
import {serveStatic, sitePages, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, pageFailures, watchPage, type Browser} from "../support/browser.js";
import {parseCsv} from "../support/csv.js";
import {pageLayoutProblems, pluralProblems, reportProblems, slideProblems} from "../support/quality.js";
import {writeVariants, type Variant} from "../support/variants.js";
import {generateSample} from "../../loaders/generator/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ONLINE_RETAIL = join(ROOT, "data", "online-retail");
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-datasets-"));
  await buildDatasetSite(ONLINE_RETAIL, join(dir, "dist"));
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

/** The headline.json a built site publishes (its name carries a content hash). */
async function builtHeadline(dist: string) {
  const data = join(dist, "_file", "data");
  const file = (await readdir(data)).find((f) => /^headline\.[0-9a-f]+\.json$/.test(f))!;
  return JSON.parse(await readFile(join(data, file), "utf8"));
}

describe("the Online Retail example", () => {
  it("headlines 2011 up to its last day with the revenue and customers of the raw file", async () => {
    const headline = await builtHeadline(join(dir, "dist"));
    const expected = await reference();
    expect(expected.lastDate).toBe("2011-12-09");
    expect(headline.latest.label).toBe("2011, 1 Jan – 9 Dec");
    expect(Math.round(headline.latest.revenue * 100)).toBe(Number(expected.revenuePence));
    expect(headline.latest.customers).toBe(expected.customers);
    expect(headline.latest.gross_margin_pct).toBeNull();
    expect(headline.previous).toBeNull(); // the data starts on 1 December 2010
  });

  it("shows no undefined, NaN, infinite or null value and no error on any page", async () => {
    expect(await pageProblems(join(dir, "dist"), server.url, "online-retail")).toEqual([]);
  });

  it("says on the Data quality page that its customers and articles come from the sales lines", async () => {
    // its mapping configures sales_lines only
    const page = await browser.context.newPage();
    await page.goto(server.url + "/data-quality", {waitUntil: "networkidle"});
    expect(await page.locator(".load-notes li").allTextContents()).toEqual([
      "customers derived from sales_lines",
      "articles derived from sales_lines"
    ]);
    await page.close();
  });

  // Issue 11: the layout rules hold on a company's data as on the sample.
  it("lays out every page at a phone's, a laptop's and a desktop's width", async () => {
    const pages = await sitePages(join(dir, "dist"));
    const problems: string[] = [];
    for (const width of [390, 1440, 1920]) {
      problems.push(...(await pageLayoutProblems(browser, server.url, pages, width)).map((p) => `${width}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it("fits every slide on 1280×720, 1920×1080 and 3840×2160", async () => {
    const problems: string[] = [];
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160]
    ]) {
      const found = await slideProblems(browser, server.url, {width, height}, (n) =>
        width === 1280 && n === 2 ? join(SCREENSHOTS, "online-retail-slide-2-1280x720.png") : undefined
      );
      expect(found.slides).toBeGreaterThanOrEqual(6);
      problems.push(...found.problems.map((p) => `${width}×${height}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it("prints a report with numbered pages, none half empty", async () => {
    const meta = JSON.parse(await readFile(join(ONLINE_RETAIL, "segmentera.json"), "utf8"));
    const {pages, problems} = await reportProblems(join(dir, "dist"), meta.name);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
  });
});

/**
 * Every page of a built site in Chromium: visible "undefined", "NaN", "Infinity", "∞", "null" or source text,
 * a count of one in the plural, a cell error, a console error or a failed request. Screenshots go to test-output/screenshots/<name>-<page>.png.
 */
async function pageProblems(dist: string, origin: string, name: string): Promise<string[]> {
  const pages = await sitePages(dist);
  expect(pages.length).toBeGreaterThan(10);
  const found: string[] = [];
  for (const path of pages) {
    const page = await browser.context.newPage();
    const problems = watchPage(page, origin);
    await page.goto(origin + path, {waitUntil: "networkidle"});
    await page.waitForTimeout(path === "/explore" ? 4000 : 800);
    const text = await page.evaluate(() => document.body.innerText);
    for (const match of text.matchAll(/[^\n]{0,40}(\bundefined\b|\bNaN\b|\bInfinity\b|∞|\bnull\b|\$\{)[^\n]{0,20}/g)) {
      found.push(`${path}: ${match[0]}`);
    }
    found.push(...pluralProblems(text).map((problem) => `${path}: ${problem}`));
    const errors = await page.locator(".observablehq--error").allTextContents();
    found.push(...errors.map((e) => `${path}: ${e.slice(0, 160)}`));
    const failures = pageFailures(problems);
    for (const [kind, list] of Object.entries(failures))
      for (const item of list) found.push(`${path}: ${kind}: ${item}`);
    const file = `${name}-${path.slice(1).replaceAll("/", "-") || "overview"}.png`;
    await page.screenshot({path: join(SCREENSHOTS, file), fullPage: true});
    await page.close();
  }
  return found;
}

describe("variants of the sample's shape", () => {
  let variants: Variant[] = [];
  const servers: StaticServer[] = [];
  let variantDir: string;

  beforeAll(async () => {
    variantDir = await mkdtemp(join(tmpdir(), "segmentera-variants-"));
    await generateSample(join(variantDir, "sample"), {scale: 0.15});
    variants = await writeVariants(join(variantDir, "sample"), variantDir);
    for (const variant of variants) {
      await buildDatasetSite(variant.dir, join(variantDir, "dist", variant.name));
      servers.push(await serveStatic(join(variantDir, "dist", variant.name)));
    }
  }, 900_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    await removeDatasetSite(variantDir);
  });

  for (const [index, name] of ["mid-year-usd", "one-year-lines", "one-customer"].entries()) {
    it(`${name}: headlines the revenue, customers and largest customer of its raw files`, async () => {
      const variant = variants[index];
      expect(variant.name).toBe(name);
      const {latest} = await builtHeadline(join(variantDir, "dist", name));
      const {expected} = variant;
      expect(latest.label).toBe(expected.label);
      expect(Math.round(latest.revenue * 100)).toBe(Number(expected.revenueCents));
      expect(latest.customers).toBe(expected.customers);
      expect(latest.top_customer.customer_id).toBe(expected.topCustomer);
      expect(Math.round(latest.top_customer.revenue * 100)).toBe(Number(expected.topRevenueCents));
      // and the Overview says so
      const page = await browser.context.newPage();
      await page.goto(servers[index].url + "/", {waitUntil: "networkidle"});
      expect(await page.locator(".top-customer").textContent()).toBe(expected.topCustomer);
      await page.close();
      console.log(
        `${name} (${variant.shape}): ${latest.label}, revenue ${latest.revenue}, customers ${latest.customers}, largest ${latest.top_customer.customer_id} ${latest.top_customer.revenue}; computed from the files: ${expected.revenueCents} cents, ${expected.customers}, ${expected.topCustomer} ${expected.topRevenueCents} cents`
      );
    });

    it(`${name}: every page reads correctly`, async () => {
      expect(await pageProblems(join(variantDir, "dist", name), servers[index].url, name)).toEqual([]);
    });
  }
});
