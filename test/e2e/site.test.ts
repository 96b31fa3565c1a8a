/**
 * End to end: serve the built site (dist/) on 127.0.0.1 and open every page in headless Chromium.
 * Fails on any console error, page error, failed request, request to a non-local host or Framework error
 * cell, and checks that every chart has drawn marks and that every page of the navigation shows its sections,
 * charts and tables. Screenshots go to test-output/screenshots/.
 */
import {mkdirSync} from "node:fs";
import {readdir, readFile} from "node:fs/promises";
import {join, relative} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchBrowser, waitForCharts, watchPage, type Browser} from "../support/browser.js";
import {serveStatic, sitePages, type StaticServer} from "../../loaders/pdf/static-server.js";
import config from "../../observablehq.config.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");

let server: StaticServer;
let browser: Browser;
let pages: string[];
let schemes: {kind: string}[];

// The site is built once for all browser tests by test/support/build-site.ts (vitest global setup).
beforeAll(async () => {
  pages = await sitePages(DIST);
  // the built schemes file (its name carries a content hash)
  const data = join(DIST, "_file", "data");
  const file = (await readdir(data)).find((f) => /^schemes\.[0-9a-f]+\.json$/.test(f))!;
  schemes = JSON.parse(await readFile(join(data, file), "utf8"));
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, {recursive: true});
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the built site", () => {
  it("has the expected pages", () => {
    expect(pages).toContain("/");
    expect(pages).toContain("/data-quality");
  });

  it("names no CDN in any page or script: every library is the site's own copy (the offline rule)", async () => {
    const cdn = /https?:\/\/(cdn\.jsdelivr\.net|unpkg\.com|esm\.sh|cdnjs\.cloudflare\.com|esm\.run)/;
    const files = (await readdir(DIST, {recursive: true})).filter((f) => /\.(js|html|css)$/.test(f));
    const naming: string[] = [];
    for (const file of files) if (cdn.test(await readFile(join(DIST, file), "utf8"))) naming.push(file);
    expect(naming).toEqual([]);
  });

  it("references no external host and no npm: specifier in any built file, .wasm and data included", async () => {
    const offending: string[] = [];
    for (const file of await listFiles(DIST)) {
      // latin1 maps every byte to one character, so URLs inside binaries (the duckdb-wasm engine) are found too
      const text = (await readFile(join(DIST, file))).toString("latin1");
      if (/["'`]npm:/.test(text)) offending.push(`${file}: npm: specifier`);
      const allowed = file.endsWith(".wasm") ? [...NOT_REQUESTS, ...WASM_NOT_REQUESTS] : NOT_REQUESTS;
      for (const url of externalUrls(text, allowed)) offending.push(`${file}: ${url}`);
    }
    expect(offending).toEqual([]);
  });

  it("renders every page without errors or external requests, with marks in every chart and its sections", async () => {
    for (const path of pages) {
      const page = await browser.context.newPage();
      const problems = watchPage(page, server.url);
      await page.goto(server.url + path, {waitUntil: "networkidle"});
      if (path === "/explore") {
        // the first example query runs once duckdb-wasm has started: its result table, then its chart
        await page.waitForSelector(".sql-output table", {timeout: 60_000});
        await waitForCharts(page);
      } else await waitForCharts(page, {atLeastOne: false});
      await page.waitForTimeout(200);
      const name = path === "/" ? "index" : path.slice(1).replaceAll("/", "-");
      await page.screenshot({path: join(SCREENSHOTS, `${name}.png`), fullPage: true});
      const errorCells = await page.locator(".observablehq--error").allTextContents();
      // an inline expression Framework could not parse shows as its source text
      const rawSource = ((await page.evaluate(() => document.body.innerText)).match(/.{0,30}\$\{.{0,30}/g) ?? []).slice(
        0,
        3
      );
      const emptyCharts = await page.evaluate(
        () =>
          [...document.querySelectorAll("figure.vl-chart")].filter(
            (f) =>
              f.querySelectorAll(
                "g.mark-rect path, g.mark-line path, g.mark-symbol path, g.mark-area path, g.mark-rule line, g.mark-arc path, g.mark-text text"
              ).length === 0
          ).length
      );
      expect({path, errorCells, rawSource, emptyCharts, ...problems, requests: undefined}).toEqual({
        path,
        errorCells: [],
        rawSource: [],
        emptyCharts: 0,
        consoleErrors: [],
        pageErrors: [],
        failedRequests: [],
        externalRequests: [],
        requests: undefined
      });
      // what the page shows on the sample: its sections, charts, tables and headline cards
      const want = EXPECTED[path];
      if (want) {
        const shown = (await page.evaluate(
          `({sections: [...document.querySelectorAll("main h2")].map((h) => h.textContent.trim()),
             charts: document.querySelectorAll("figure.vl-chart[data-rendered=true]").length,
             tables: document.querySelectorAll(".data-table table").length,
             headlines: document.querySelectorAll(".headline").length})`
        )) as {sections: string[]; charts: number; tables: number; headlines: number};
        expect(
          {...shown, sections: want.sections.map((s) => shown.sections.find((h) => s.test(h)) ?? `missing ${s}`)},
          path
        ).toEqual({
          sections: want.sections.map((s) => expect.stringMatching(s)),
          charts: typeof want.charts === "number" ? want.charts : want.charts(schemes),
          tables: want.tables ?? 0,
          headlines: want.headlines ?? 0
        });
      }
      await page.close();
    }
  });

  it("expects something of every page of the navigation", () => {
    const navigation = config.pages.flatMap((p: {path?: string; pages?: {path: string}[]}) =>
      p.pages ? p.pages.map((q) => q.path) : [p.path!]
    );
    expect(Object.keys(EXPECTED).sort()).toEqual([...navigation].sort());
  });
});

/**
 * What each page of the navigation shows on the sample: its sections (h2, in order of appearance not required),
 * how many charts it draws, how many tables and headline cards. A page whose chart or section silently goes
 * missing fails here; a new page must be added (the keys must equal the navigation).
 */
const EXPECTED: Record<
  string,
  {sections: RegExp[]; charts: number | ((schemes: {kind: string}[]) => number); tables?: number; headlines?: number}
> = {
  "/": {sections: [/^\d{4} at a glance$/, /^Revenue and customers$/, /^Share and margin$/], charts: 4, headlines: 4},
  "/segments": {sections: [/^Customer type$/, /^The latest period in detail$/], charts: 1, tables: 1},
  "/catalogue": {
    sections: [/^The buying organisation and the buying situation$/, /^Organisation types over time$/],
    charts: (schemes) => schemes.filter((s) => s.kind === "macro").length + 1, // one per macro scheme, and the trend
    headlines: 4
  },
  "/accounts": {sections: [/^The accounts$/], charts: 22, headlines: 4}, // a sparkline per private-label account
  "/kraljic": {
    sections: [/^\d{4}: [\d\s]+ customers placed$/, /^The approach per quadrant$/, /^Movement since \d{4}$/],
    charts: 2
  },
  "/migration": {sections: [/: \d{4} → \d{4}$/, /^Who moved$/], charts: 1, headlines: 4},
  "/profitability": {
    sections: [
      /^The whale curve$/,
      /^How concentrated is revenue\?$/,
      /^Where the cost to serve goes$/,
      /^Where resources go, where profit comes from$/
    ],
    charts: 4, // whale, Lorenz, cost by driver, resources vs profit
    tables: 1,
    headlines: 4
  },
  "/report": {
    sections: [
      /^Summary$/,
      /^Revenue and margin \d{4}$/,
      /^Value segments \d{4}$/,
      /^Where profit comes from \d{4}$/,
      /^How buyers see us \(Kraljic\) \d{4}$/,
      /^How segments moved, \d{4} → \d{4}$/,
      /^Data quality$/
    ],
    charts: 8
  },
  "/meeting": {
    sections: [
      /^Revenue by customer type, year by year$/,
      /revenue share per class$/,
      /^Where buyers place us \(Kraljic\), \d{4}$/,
      /^Since last meeting: who moved$/,
      /^Since last meeting: gainers and decliners$/,
      /^Private-label profiles to review$/,
      /^Who earns the profit: the whale curve, \d{4}$/
    ],
    charts: 4
  },
  "/explore": {sections: [/^Tables$/], charts: 1, tables: 1}, // the first example query runs with its chart
  "/analyses/fashion-vs-basic": {sections: [/^Result$/, /^Conclusion$/], charts: 1},
  "/analyses/private-label-trend": {sections: [/^Result$/, /^Conclusion$/], charts: 1},
  "/data-quality": {
    sections: [/^What the load noted$/, /^Reconciliation per file$/, /^Rejects by rule$/, /^Rejected rows$/],
    charts: 0, // the sample has no rejected row to chart
    tables: 1, // the reconciliation; the rejects list says "No rejected rows."
    headlines: 4
  }
};

/**
 * URLs to hosts other than localhost that a file could make the browser request, except those `allowed`. XML namespace identifiers
 * (never fetched) and documentation links inside comments of vendored libraries are not requests; we only
 * accept the namespace URIs by exact prefix, so any other host fails the test.
 */
function externalUrls(text: string, allowed: string[]): string[] {
  const urls = text.match(/\bhttps?:\/\/[a-z0-9.-]+(?::\d+)?[^\s"'`)<>]*/gi) ?? [];
  return urls.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)));
}

const NOT_REQUESTS = [
  "http://127.0.0.1",
  "http://localhost",
  "http://www.w3.org/", // SVG/XHTML/XLink namespace identifiers
  "https://www.w3.org/",
  "https://vega.github.io/schema/", // the $schema id vega-lite writes into compiled specs; never fetched
  "https://github.com/vega/vega-lite/issues/", // a link inside a vega-lite warning message
  "https://cdn.jsdelivr.net/npm/" // the prefix of duckdb-wasm's getJsDelivrBundles(), which we never call (self-hosted bundles)
];

/**
 * Strings inside the duckdb-wasm engine binary, and why none is ever fetched:
 * - the extension repositories are reached only by INSTALL/LOAD or auto-loading; src/components/duckdb-client.ts
 *   turns auto-install and auto-load off, then disables external access and locks the configuration, and
 *   test/e2e/explore.test.ts checks that INSTALL, LOAD and read_text of a URL all fail without a request;
 * - duckdb.org links are text in error messages; the unpkg stylesheet is a link inside the HTML that DuckDB's
 *   query-profile renderer writes as text (EXPLAIN … FORMAT html), which no page renders.
 */
const WASM_NOT_REQUESTS = [
  "https://extensions.duckdb.org",
  "https://community-extensions.duckdb.org",
  "https://nightly-extensions.duckdb.org",
  "https://duckdb.org",
  "https://unpkg.com/treeflex/"
];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}
