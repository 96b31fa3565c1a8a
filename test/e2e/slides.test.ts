/**
 * Issue 11: the sales-meeting slides fit any projector. At 1280×720, 1920×1080 and 3840×2160 every slide shows
 * whole: no scrolling, nothing outside the slide, no chart's plot under 120 px, no two chart labels overlapping;
 * every slide states its message; numbers in slide tables are right-aligned; Esc shows the slides as thumbnails.
 */
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {serveStatic, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, NO_FAILURES, pageFailures, watchPage, type Browser} from "../support/browser.js";
import {slideProblems} from "../support/quality.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, "dist"));
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, {recursive: true});
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the sales-meeting slides", () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
    [3840, 2160]
  ]) {
    it(`fit ${width}×${height} whole, each with its message`, async () => {
      const page = await browser.context.newPage();
      const failures = watchPage(page, server.url);
      await page.goto(`${server.url}/meeting#1`, {waitUntil: "networkidle"});
      const {slides, problems} = await slideProblems(browser, server.url, {width, height}, (n, title) =>
        width <= 1920 && (n === 2 || /gainers|Kraljic/.test(title))
          ? join(SCREENSHOTS, `slide-${n}-${width}x${height}.png`)
          : undefined
      );
      expect(slides).toBeGreaterThanOrEqual(8);
      expect(problems).toEqual([]);
      expect(pageFailures(failures)).toEqual(NO_FAILURES);
      await page.close();
    });
  }

  it("shows every slide as a thumbnail in the overview (Esc)", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({width: 1920, height: 1080});
    await page.goto(`${server.url}/meeting#1`, {waitUntil: "networkidle"});
    await page.keyboard.press("Escape");
    const thumbnails = await page.locator(".slide-deck.overview .slide").evaluateAll((slides) =>
      slides.map((slide) => {
        const r = slide.getBoundingClientRect();
        return {width: r.width, height: r.height, content: slide.querySelectorAll("svg, table, .big").length};
      })
    );
    expect(thumbnails.length).toBeGreaterThanOrEqual(8);
    for (const t of thumbnails) {
      expect(t.width).toBeGreaterThan(300); // three a row, at the slides' 16:9
      expect(t.width).toBeLessThan(1920 / 3);
      expect(t.height / t.width).toBeCloseTo(1080 / 1920, 2);
    }
    // thumbnails of the slides themselves: charts and tables, not just titles
    expect(thumbnails.filter((t) => t.content > 0).length).toBeGreaterThanOrEqual(thumbnails.length - 1);
    await page.screenshot({path: join(SCREENSHOTS, "slides-overview.png")});
    await page.close();
  });
});
