/**
 * The Explore page in headless Chromium: duckdb-wasm starts from the site itself, a query typed and run with
 * Ctrl+Enter shows rows and a chart, and bad SQL shows DuckDB's message instead of a stack trace.
 */
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
    await page.screenshot({path: join(ROOT, "test-output", "screenshots", "explore-query.png"), fullPage: true});

    await textarea.fill("SELECT no_such_column FROM customer_period");
    await textarea.press("Control+Enter");
    const error = await page.waitForSelector(".sql-error", {timeout: 30_000});
    expect(await error.textContent()).toMatch(/no_such_column/);
    expect(await error.textContent()).not.toMatch(/\bat .*\.js:\d+/);
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
  });
});
