/**
 * Issue 11: every page at a phone's, a laptop's and a desktop's width: no horizontal overflow of the page or
 * a card, no chart plot under 120 px high, no two chart labels overlapping, no text cut at a chart's edge, no
 * number cut short (test/support/layout.ts reads all of it from the rendered page), no code of the vocabulary
 * shown raw (src/components/vocabulary.ts). The Online Retail example is held to the same (datasets test).
 */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {serveStatic, sitePages, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, type Browser} from "../support/browser.js";
import {pageLayoutProblems} from "../support/quality.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
let server: StaticServer;
let browser: Browser;
let pages: string[];

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  pages = await sitePages(DIST); // the slides: test/e2e/slides.test.ts
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("every page's layout", () => {
  for (const width of [390, 1440, 1920]) {
    it(`holds at ${width} px wide`, async () => {
      expect(pages.length).toBeGreaterThan(10);
      expect(await pageLayoutProblems(browser, server.url, pages, width)).toEqual([]);
    });
  }
});
