/**
 * Report pages, the sales-meeting deck and the PDF in headless Chromium: a filter changes the chart's data and
 * is kept in the URL, a URL restores the view, the deck follows the keyboard, and the PDF opens with a summary
 * page, numbers every page and leaves none half empty.
 */
import {execFileSync} from "node:child_process";
import {copyFileSync} from "node:fs";
import {readdir, readFile} from "node:fs/promises";
import {tableFromIPC} from "apache-arrow";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {reportProblems} from "../support/quality.js";
import {serveStatic, type StaticServer} from "../../loaders/pdf/static-server.js";
import {launchBrowser, NO_FAILURES, pageFailures, waitForCharts, watchPage, type Browser} from "../support/browser.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, "dist"));
  browser = await launchBrowser({width: 1920, height: 1080});
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const yAxisTitle = (page: Page) => page.locator("figure.vl-chart g.role-axis-title text").allTextContents();

describe("Segments over time", () => {
  it("changes the chart's data when a filter changes, keeps it in the URL, and restores it from the URL", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/segments`);
    await waitForCharts(page);
    expect(await yAxisTitle(page)).toContain("Revenue");
    const bars = await page.locator("figure.vl-chart g.mark-rect path").count();
    await page.locator("form", {hasText: "Scheme"}).locator("select").selectOption({label: "ABC (revenue)"});
    await page.locator("form", {hasText: "Measure"}).locator("select").selectOption({label: "Customers"});
    await page.waitForFunction(() =>
      [...document.querySelectorAll("figure.vl-chart g.role-axis-title text")].some(
        (t) => t.textContent === "Customers"
      )
    );
    await waitForCharts(page);
    expect(await page.locator("h2", {hasText: "ABC (revenue)"}).count()).toBe(1);
    expect(await page.locator("figure.vl-chart g.mark-rect path").count()).not.toBe(bars); // 3 classes × 7 years vs 2 types × 7
    expect(page.url()).toContain("scheme=abc");
    expect(page.url()).toContain("measure=customers");

    const restored = await browser.context.newPage();
    await restored.goto(`${server.url}/segments?scheme=rfm&grain=season&measure=net_contribution&view=lines`);
    await waitForCharts(restored);
    expect(await restored.locator("form", {hasText: "Scheme"}).locator("select option:checked").textContent()).toBe(
      "RFM"
    );
    expect(await yAxisTitle(restored)).toContain("Net contribution");
    expect(await restored.locator("figure.vl-chart g.mark-line path").count()).toBeGreaterThan(3);
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
    await restored.close();
  });
});

describe("Sales meeting", () => {
  it("steps through the slides by keyboard and restores the slide from the URL", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/meeting`);
    await waitForCharts(page);
    const slide = () => page.locator(".slide-deck").getAttribute("data-slide");
    const total = await page.locator(".slide").count();
    expect(total).toBe(8);
    expect(await slide()).toBe("1");
    for (let n = 1; n <= total; n++) {
      expect(await slide()).toBe(String(n));
      await page.screenshot({path: join(SCREENSHOTS, `meeting-${n}.png`)});
      await page.keyboard.press("ArrowRight");
    }
    expect(await slide()).toBe(String(total)); // stays on the last
    await page.keyboard.press("ArrowLeft");
    expect(await slide()).toBe(String(total - 1));
    await page.keyboard.press("Home");
    expect(await slide()).toBe("1");
    await page.keyboard.press("5");
    expect(await slide()).toBe("5");
    expect(new URL(page.url()).hash).toBe("#5");
    await page.keyboard.press("End");
    expect(await slide()).toBe(String(total));
    await page.keyboard.press("Escape");
    expect(await page.locator(".slide-deck.overview").count()).toBe(1);

    const reloaded = await browser.context.newPage();
    await reloaded.goto(`${server.url}/meeting#5`);
    await waitForCharts(reloaded);
    expect(await reloaded.locator(".slide-deck").getAttribute("data-slide")).toBe("5");
    expect(await reloaded.locator(".slide.current h2").textContent()).toMatch(/Since last meeting/);
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
    await reloaded.close();
  });
});

describe("drill-down", () => {
  it("opens a segment's customers from a click on its bar as from its table row, and keeps it in the URL", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/segments?scheme=abc&grain=year`);
    await waitForCharts(page);
    // the first bar of the chart (a stacked bar per segment and year)
    const bar = page.locator("figure.vl-chart.selectable g.mark-rect path").first();
    await bar.click({force: true});
    const heading = page.locator("h3", {hasText: "customers in"});
    await heading.waitFor();
    const segment = ((await heading.textContent()) ?? "").split(":")[0];
    expect(["A", "B", "C"]).toContain(segment);
    expect(new URL(page.url()).searchParams.get("segment")).toBe(segment);
    expect(await page.locator(`.data-table tr.selected`).getAttribute("data-key")).toBe(segment);
    // the link reproduces it
    const reloaded = await browser.context.newPage();
    await reloaded.goto(page.url());
    await waitForCharts(reloaded);
    await reloaded.locator("h3", {hasText: `${segment}:`}).waitFor();
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
    await reloaded.close();
  });
});

describe("drill-down on every chart", () => {
  /** Click a mark of a selectable chart and wait for the customer list it opens; its heading and URL. */
  async function drill(path: string, mark: string, param: string) {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}${path}`);
    await waitForCharts(page);
    const target = page.locator(mark).last();
    const label = (await target.getAttribute("aria-label")) ?? "";
    const before = await page.locator(".customer-list h3").allTextContents();
    await target.click({force: true});
    await page.waitForFunction((old) => {
      const h = [...document.querySelectorAll(".customer-list h3")].map((e) => e.textContent);
      return h.length > 0 && JSON.stringify(h) !== old;
    }, JSON.stringify(before));
    const heading = (await page.locator(".customer-list h3").last().textContent()) ?? "";
    const count = customersIn(heading);
    // the table holds as many rows as the heading says
    const status = (await page.locator(".customer-list .data-table-status").last().textContent()) ?? "";
    expect(Number(status.replace(/\D/g, ""))).toBe(count);
    expect(new URL(page.url()).searchParams.get(param), page.url()).toBeTruthy();
    // the link reproduces it
    const reloaded = await browser.context.newPage();
    await reloaded.goto(page.url());
    await waitForCharts(reloaded);
    await reloaded
      .locator(".customer-list h3", {hasText: heading.replace(/Clear the selection$/, "").trim()})
      .waitFor();
    await reloaded.close();
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
    return {label, heading, count, requests: problems.requests};
  }
  const field = (label: string, name: string) => new RegExp(`${name}: ([^;]+)`).exec(label)?.[1] ?? "";
  const integer = (text: string) => Number(text.replace(/\D/g, ""));

  it("Catalogue: a bar of customers lists that many customers", async () => {
    const {label, heading, count, requests} = await drill(
      "/catalogue",
      'figure.vl-chart.selectable g.mark-rect path[aria-label*="Measure: Customers"]',
      "segment"
    );
    expect(heading).toContain(field(label, "Segment"));
    expect(count).toBe(integer(field(label, "Amount")));
    // the latest year's customers come from its own file, not from every year's
    expect(requests.some((r) => r.includes("/customer-latest-year."))).toBe(true);
    expect(requests.some((r) => r.includes("/customer-years."))).toBe(false);
    // an earlier year, whose rows the page fetches when it is chosen (it opens on the latest year's alone)
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/catalogue`);
    await waitForCharts(page);
    const first = await page.locator("form", {hasText: "Year"}).locator("select option").first().textContent();
    await page.close();
    const earlier = await drill(
      `/catalogue?year=${first}`,
      'figure.vl-chart.selectable g.mark-rect path[aria-label*="Measure: Customers"]',
      "segment"
    );
    expect(earlier.heading).toContain(String(first));
    expect(earlier.count).toBe(integer(field(earlier.label, "Amount")));
    expect(earlier.requests.some((r) => r.includes("/customer-years."))).toBe(true);
  });

  it("Migration: a cell lists the customers it counts (the engine's matrix against the customer × year table)", async () => {
    const {label, heading, count} = await drill(
      "/migration?scheme=abc&grain=year",
      'figure.vl-chart.selectable g.mark-rect path[aria-label*="Customers: "]',
      "cell"
    );
    expect(heading).toContain(`${field(label, "From")} → ${field(label, "To")}`);
    expect(count).toBe(integer(field(label, "Customers")));
  });

  it("Migration: every cell of every scheme's latest step lists exactly the customers it counts", async () => {
    const page = await browser.context.newPage();
    for (const scheme of ["abc", "rfm", "customer_type", "profitability_tier"]) {
      await page.goto(`${server.url}/migration?scheme=${scheme}&grain=year`);
      await waitForCharts(page);
      const cells = page.locator('figure.vl-chart.selectable g.mark-rect path[aria-label*="Customers: "]');
      const labels = (await cells.evaluateAll((paths) => paths.map((p) => p.getAttribute("aria-label") ?? ""))).filter(
        (l) => l
      );
      expect(labels.length, scheme).toBeGreaterThan(1);
      for (const [i, label] of labels.entries()) {
        const cell = `${field(label, "From")} → ${field(label, "To")}`;
        await cells.nth(i).click({force: true});
        const heading = page.locator(".customer-list h3", {hasText: `${cell}:`});
        await heading.waitFor();
        const count = customersIn(await heading.textContent());
        expect(count, `${scheme} ${cell}`).toBe(integer(field(label, "Customers")));
        await cells.nth(i).click({force: true}); // a second click clears the choice
        await page.locator("button", {hasText: "who moved, arrived or left"}).waitFor();
      }
      // the list of everyone who moved holds as many customers as its button says
      const all = page.locator("button", {hasText: "who moved, arrived or left"});
      const promised = customersIn(await all.textContent(), "List the ");
      await all.click();
      const heading = page.locator(".customer-list h3", {hasText: "Moved to another segment"});
      await heading.waitFor();
      const listed = customersIn(await heading.textContent());
      expect(listed, scheme).toBe(promised);
    }
    await page.close();
  });

  it("Kraljic: a circle lists its quadrant's customers", async () => {
    const {label, heading} = await drill(
      "/kraljic",
      'figure.vl-chart.selectable g.mark-symbol path[aria-label*="Quadrant: "]',
      "quadrant"
    );
    expect(heading.toLowerCase()).toContain(field(label, "Quadrant").toLowerCase());
  });

  it("Kraljic: an earlier year, fetched when chosen, places as many customers as the engine's table holds", async () => {
    // counted from the built site's every-year file, read here with another Arrow reader than the page's
    const dir = join(ROOT, "dist", "_file", "data");
    const file = (await readdir(dir)).find((f) => /^kraljic\.[0-9a-f]+\.arrow$/.test(f))!;
    const rows = tableFromIPC(await readFile(join(dir, file))).toArray() as {period: string}[];
    const years = [...new Set(rows.map((r) => r.period))].sort();
    expect(years.length).toBeGreaterThan(2);
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url);
    for (const year of years.slice(0, 2)) {
      await page.goto(`${server.url}/kraljic?year=${year}`);
      await waitForCharts(page);
      const placed = rows.filter((r) => r.period === year).length;
      const heading = (await page.locator("h2", {hasText: "placed"}).textContent()) ?? "";
      expect(heading, year).toContain(`${year}:`);
      expect(customersIn(heading), year).toBe(placed);
    }
    expect(pageFailures(problems)).toEqual(NO_FAILURES);
    await page.close();
  });

  it("Profitability: a bar of resources vs profit lists the segment's customers", async () => {
    const {label, heading} = await drill("/profitability", "figure.vl-chart.selectable g.mark-rect path", "segment");
    expect(heading).toContain(field(label, "Segment"));
  });
});

describe("one figure, one value", () => {
  it("the loss-makers' share is the same on Profitability and in the report", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/profitability`);
    await waitForCharts(page);
    const card = page.locator(".card", {hasText: "Loss-making customers"}).first();
    const share = ((await card.locator(".headline").textContent()) ?? "").trim();
    expect(share).toMatch(/^\d+,\d\s%$/u);
    await page.goto(`${server.url}/report`);
    await waitForCharts(page);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(`loss-making customers (${share})`);
    await page.close();
  });
});

describe("npm run report", () => {
  it("prints a summary page, then sections that fill their pages, each page numbered with dataset and date", async () => {
    const meta = JSON.parse(await readFile(join(ROOT, "data", "sample", "segmentera.json"), "utf8"));
    const {pages, texts, problems} = await reportProblems(join(ROOT, "dist"), meta.name, (pdf) => {
      copyFileSync(pdf, join(ROOT, "test-output", "report.pdf"));
      execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "2", pdf, join(SCREENSHOTS, "report-page")]);
    });
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(texts[0]).toContain("Summary");
    expect(problems).toEqual([]);
  });
});

/**
 * The number in "…: 1 234 customers" (a list's heading; digits grouped by any space), or after another prefix
 * ("List the 56 customers"); NaN when the text has none.
 */
function customersIn(text: string | null, prefix = ": "): number {
  const digits = new RegExp(`${prefix}([\\d\\s\\u00a0\\u202f]+) customers?`).exec(text ?? "")?.[1];
  return digits === undefined ? NaN : Number(digits.replace(/\D/g, ""));
}
