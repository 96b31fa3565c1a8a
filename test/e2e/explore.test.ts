/**
 * The Explore page in headless Chromium: duckdb-wasm starts from the site itself, a query typed and run with
 * Ctrl+Enter shows rows and a chart, and bad SQL shows DuckDB's message instead of a stack trace.
 */
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {readdir} from "node:fs/promises";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchBrowser, NO_FAILURES, pageFailures, watchPage, type Browser} from "../support/browser.js";
import {serveStatic, type StaticServer} from "../../loaders/pdf/static-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, "dist"));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the Explore page", () => {
  it("runs a query with Ctrl+Enter and shows rows and a chart; bad SQL shows the error", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/explore`);
    // The first example runs when the engine is ready.
    await page.waitForSelector(".sql-output table", {timeout: 60_000});
    const textarea = page.locator("textarea.sql-text");
    await textarea.fill(
      "SELECT period AS year, count(*) AS customers FROM customer_period WHERE grain = 'year' GROUP BY ALL ORDER BY year"
    );
    await textarea.press("Control+Enter");
    await page.waitForFunction(
      () => document.querySelector(".sql-status")?.textContent?.startsWith("7 rows"),
      undefined,
      {timeout: 30_000}
    );
    expect(await page.locator(".sql-output table tbody tr").count()).toBe(7);
    await page.waitForSelector(".sql-output figure.vl-chart[data-rendered=true] g.mark-line path");
    expect(page.url()).toContain("q=SELECT");

    // A narrower window redraws the chart to fit and keeps the query and its result (the editor used to be
    // rebuilt on every width change, and then waited for Run with an empty result).
    const chartWidth = () =>
      page.evaluate(() => document.querySelector(".sql-output figure.vl-chart svg")!.getBoundingClientRect().width);
    const wide = await chartWidth();
    await page.setViewportSize({width: 900, height: 1000});
    await page.waitForFunction(
      (before) => {
        const svg = document.querySelector(".sql-output figure.vl-chart[data-rendered=true] svg");
        return svg !== null && svg.getBoundingClientRect().width < before - 100;
      },
      wide,
      {timeout: 30_000}
    );
    expect(await chartWidth()).toBeLessThanOrEqual(900);
    expect(await page.locator(".sql-output table tbody tr").count()).toBe(7);
    expect(await page.locator(".sql-status").textContent()).toMatch(/^7 rows/);
    expect(await textarea.inputValue()).toMatch(/count\(\*\) AS customers/);
    await page.screenshot({path: join(ROOT, "test-output", "screenshots", "explore-query.png"), fullPage: true});

    await textarea.fill("SELECT no_such_column FROM customer_period");
    await textarea.press("Control+Enter");
    const error = await page.waitForSelector(".sql-error", {timeout: 30_000});
    expect(await error.textContent()).toMatch(/no_such_column/);
    expect(await error.textContent()).not.toMatch(/\bat .*\.js:\d+/);
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
  });

  it("never runs a query from a link by itself, and no query can reach a URL (issue 14)", async () => {
    // Another origin on this machine, as in the report: it must receive no request at all.
    const hits: string[] = [];
    const other: Server = createServer((request, response) => {
      hits.push(request.url ?? "");
      response.end("secret");
    });
    await new Promise<void>((done) => other.listen(0, "127.0.0.1", done));
    const port = (other.address() as AddressInfo).port;
    try {
      const page = await browser.context.newPage();
      const problems = watchPage(page, server.url);
      const query = `SELECT * FROM read_text('http://127.0.0.1:${port}/x')`;
      await page.goto(`${server.url}/explore?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => document.querySelector(".sql-status")?.textContent?.includes("press Run"));
      await page.waitForTimeout(3000);
      expect(await page.locator(".sql-output table").count()).toBe(0);
      expect(hits).toEqual([]);
      await page.locator("button.sql-run").click();
      const error = await page.waitForSelector(".sql-error", {timeout: 60_000});
      expect(await error.textContent()).toMatch(/external access|disabled/i);
      // Nor can a query switch external access back on, or load an extension (httpfs).
      // (duckdb-wasm takes INSTALL as a no-op; loading is what would fetch, and it is refused.)
      for (const sql of ["SET enable_external_access = true", "LOAD httpfs"]) {
        await page.evaluate(() => document.querySelector(".sql-error")?.remove());
        await page.locator("textarea.sql-text").fill(sql);
        await page.locator("button.sql-run").click();
        const message = await (await page.waitForSelector(".sql-error", {timeout: 30_000})).textContent();
        expect(message, sql).toMatch(/lock|configuration|external access|disabled|not allowed|extension/i);
      }
      expect(hits).toEqual([]);
      expect(problems.externalRequests).toEqual([]);
      // The policy the page is served with (dist/_headers) binds the worker too.
      const pageHeaders = (await page.request.get(`${server.url}/explore`)).headers();
      const policy = pageHeaders["content-security-policy"];
      // Content-addressed files are cached for good; a page, whose address stays when it changes, is not.
      expect(pageHeaders["cache-control"]).toBeUndefined();
      expect(/script-src ([^;]+)/.exec(policy)?.[1]).not.toContain("'unsafe-inline'");
      expect(policy).toContain("frame-ancestors 'none'");
      const worker = (await readdir(join(ROOT, "dist", "_node"), {recursive: true})).find((f) =>
        /duckdb-browser-eh\.worker.*\.js$/.test(f)
      )!;
      const workerHeaders = (await page.request.get(`${server.url}/_node/${worker}`)).headers();
      const workerPolicy = workerHeaders["content-security-policy"];
      expect(workerHeaders["cache-control"]).toContain("immutable");
      expect(workerPolicy).toContain("connect-src 'self'");
      await page.close();
    } finally {
      await new Promise((done) => other.close(done));
    }
  });
});
