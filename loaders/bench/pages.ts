/**
 * Page measurements in headless Chromium for the benchmark: bytes downloaded, time to first chart, filter
 * latency (timed inside the page, from the input event to the re-drawn chart), duckdb-wasm start.
 */
import {gzipSync} from "node:zlib";
import type {Page} from "playwright-core";
import {median} from "simple-statistics";
import {chartsDrawn, launchChromium} from "../pdf/chromium.js";
import {sitePages} from "../pdf/static-server.js";

export interface PageMeasure {
  path: string;
  bytes: number;
  /** The same bodies gzipped (level 6), as a server that compresses would send them. */
  gzipBytes: number;
  wasm: boolean;
  /** Navigation start to the first drawn chart, on a first visit (empty browser cache; median of three). */
  firstChartMs: number | null;
  /** Navigation start to the last chart drawn on a first visit (every chart of the page drawn; median of three). */
  lastChartMs: number | null;
  /** The first chart on a repeat visit, the site's files cached (median of three). */
  warmFirstChartMs: number | null;
  filterP50: number | null;
  filterP95: number | null;
  samples: number;
  wasmStartMs?: number;
  firstQueryMs?: number;
}

const FILTER_SAMPLES = 20;

/** When the first chart of the page drew (vl-render stamps it). */
const FIRST_CHART_SCRIPT = `Math.min(...[...document.querySelectorAll("figure.vl-chart[data-rendered=true]")].map((f) => Number(f.dataset.renderedAt)))`;

/** When the last chart of the page drew (vl-render stamps it), asked once every chart has (chartsDrawn). */
const LAST_CHART_SCRIPT = `Math.max(...[...document.querySelectorAll("figure.vl-chart")].map((f) => Number(f.dataset.renderedAt)))`;

/** Change the Measure select to LABEL and resolve with the ms until a new chart has drawn (NaN after 10 s). */
const FILTER_SCRIPT = `new Promise((resolve) => {
  const select = [...document.querySelectorAll("form")].find((f) => f.textContent.includes("Measure"))?.querySelector("select");
  if (!select) return resolve(NaN);
  const option = [...select.options].find((o) => o.textContent === LABEL);
  const before = document.querySelector("figure.vl-chart");
  const started = performance.now();
  select.value = option.value;
  select.dispatchEvent(new Event("input", {bubbles: true}));
  const check = () => {
    const figure = document.querySelector("figure.vl-chart");
    if (figure && figure !== before && figure.dataset.rendered === "true") resolve(performance.now() - started);
    else if (performance.now() - started > 10000) resolve(NaN);
    else setTimeout(check, 1);
  };
  check();
})`;

export async function measurePages(origin: string, dist: string): Promise<PageMeasure[]> {
  const files = await sitePages(dist);
  const browser = await launchChromium();
  const context = browser.context;
  const results: PageMeasure[] = [];
  try {
    for (const path of files) {
      // Cold: the browser's cache emptied, as on a first visit; every byte the page needs is downloaded. The
      // first visit also counts the bytes and times the filters; the chart times are the medians of VISITS.
      const cold = [];
      for (let i = 0; i < VISITS; i++) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.clearBrowserCache");
        await cdp.detach();
        const sizes: Promise<[number, number]>[] = [];
        let wasm = false;
        if (i === 0)
          page.on("response", (response) => {
            if (response.url().endsWith(".wasm")) wasm = true;
            sizes.push(
              response.body().then(
                (b) => [b.length, gzipSync(b, {level: 6}).length],
                () => [0, 0]
              )
            );
          });
        const firstChartMs = await firstChart(page, origin + path);
        await page.waitForLoadState("networkidle");
        const lastChartMs =
          firstChartMs === null
            ? null
            : await page.waitForFunction(chartsDrawn, true, {timeout: 60_000}).then(
                () => page.evaluate(LAST_CHART_SCRIPT) as Promise<number>,
                () => null
              );
        const extra = i === 0 ? await pageSpecific(page, path) : {};
        const bodies = await Promise.all(sizes);
        cold.push({firstChartMs, lastChartMs, wasm, bodies, extra});
        await page.close();
        if (firstChartMs === null) break; // a page without charts: one visit counts its bytes
      }
      const [{wasm, bodies, extra}] = cold;
      const measure: PageMeasure = {
        path,
        bytes: bodies.reduce((s, [raw]) => s + raw, 0),
        gzipBytes: bodies.reduce((s, [, gzip]) => s + gzip, 0),
        wasm,
        firstChartMs: middle(cold.map((v) => v.firstChartMs)),
        lastChartMs: middle(cold.map((v) => v.lastChartMs)),
        warmFirstChartMs: null,
        filterP50: null,
        filterP95: null,
        samples: 0,
        ...extra
      };
      // Warm: the same page again, its files in the browser's cache (the site's files are immutable, _headers);
      // the median of VISITS.
      if (measure.firstChartMs !== null) {
        const warm: (number | null)[] = [];
        for (let i = 0; i < VISITS; i++) {
          const again = await context.newPage();
          warm.push(await firstChart(again, origin + path));
          await again.close();
        }
        measure.warmFirstChartMs = middle(warm);
      }
      results.push(measure);
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** Visits per page, cold and warm; their median is reported. */
const VISITS = 3;

/** The median of the times measured (null when none was). */
function middle(times: (number | null)[]): number | null {
  const measured = times.filter((t): t is number => t !== null);
  return measured.length ? median(measured) : null;
}

/** What only some pages measure: the filters of Segments, duckdb-wasm's start on Explore. */
async function pageSpecific(page: Page, path: string): Promise<Partial<PageMeasure>> {
  if (path === "/segments") return filterLatency(page);
  if (path === "/explore") return exploreTimes(page);
  return {};
}

/** Open the page; ms from navigation start to its first drawn chart, or null when it draws none within 60 s. */
async function firstChart(page: Page, url: string): Promise<number | null> {
  await page.goto(url, {waitUntil: "domcontentloaded"});
  // The time the chart stamped when it drew (vl-render), not when this script saw it: the page's thread is busy
  // drawing the next charts, and would delay the sighting.
  return page
    .waitForSelector("figure.vl-chart[data-rendered=true]", {state: "attached", timeout: 60_000})
    .then(() => page.evaluate(FIRST_CHART_SCRIPT) as Promise<number>)
    .catch(() => null);
}

/** Flip the Measure filter back and forth; time each change to the re-drawn chart inside the page. */
async function filterLatency(page: Page): Promise<Partial<PageMeasure>> {
  const times: number[] = [];
  for (let i = 0; i < FILTER_SAMPLES; i++) {
    const label = i % 2 === 0 ? "Customers" : "Revenue";
    // A string, not a function: the TypeScript runner would wrap named closures in a helper the page lacks.
    const elapsed = (await page.evaluate(FILTER_SCRIPT.replace("LABEL", JSON.stringify(label)))) as number;
    if (Number.isFinite(elapsed)) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return times.length ? {filterP50: at(0.5), filterP95: at(0.95), samples: times.length} : {};
}

async function exploreTimes(page: Page): Promise<Partial<PageMeasure>> {
  await page.waitForSelector(".sql-output table", {timeout: 60_000});
  const wasmStartMs = await page.evaluate(() => performance.now());
  const status = (await page.locator(".sql-status").textContent()) ?? "";
  const firstQueryMs = Number(/in (\d+) ms/.exec(status)?.[1] ?? NaN);
  return {wasmStartMs, firstQueryMs};
}
