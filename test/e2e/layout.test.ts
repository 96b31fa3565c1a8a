/**
 * Issue 11: every page at a phone's, a laptop's and a desktop's width: no horizontal overflow of the page or
 * a card, no chart plot under 120 px high, no two chart labels overlapping, no text cut at a chart's edge, no
 * number cut short (test/support/layout.ts reads all of it from the rendered page), no code of the vocabulary
 * shown raw (src/components/vocabulary.ts).
 */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {serveStatic, sitePages, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, waitForCharts, type Browser} from "../support/browser.js";
import {layoutProblems} from "../support/layout.js";
import {LABELLED_CODES} from "../../src/components/vocabulary.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
let server: StaticServer;
let browser: Browser;
let pages: string[];

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  pages = (await sitePages(DIST)).filter((path) => path !== "/meeting"); // the slides: test/e2e/slides.test.ts
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("every page's layout", () => {
  for (const width of [390, 1440, 1920]) {
    it(`holds at ${width} px wide`, async () => {
      expect(pages.length).toBeGreaterThan(10);
      const problems: string[] = [];
      for (const path of pages) {
        const page = await browser.context.newPage();
        await page.setViewportSize({width, height: 900});
        await page.goto(server.url + path, {waitUntil: "networkidle"});
        if (path !== "/explore" && path !== "/data-quality") await waitForCharts(page);
        await page.waitForTimeout(300);
        for (const problem of await layoutProblems(page, {containers: [".card", "main"]})) {
          problems.push(`${path}: ${problem}`);
        }
        // No code of the vocabulary shows as a code (snake_case ones; "catalogue" is a word too). Explore is
        // exempt: its result table shows what the analyst's SQL returns, as stored.
        const text = (await page.evaluate(
          `document.body.innerText + " " + [...document.querySelectorAll("svg text")].map((t) => t.textContent).join(" ")`
        )) as string;
        for (const code of path === "/explore" ? [] : LABELLED_CODES.filter((c) => c.includes("_"))) {
          if (new RegExp(`(^|[^\\w/.])${code}([^\\w.]|$)`).test(text)) problems.push(`${path}: the raw code ${code}`);
        }
        await page.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
