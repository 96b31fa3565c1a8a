/**
 * The layout checks of issue 11 for a whole built site, so that the sample (layout, slides and interaction
 * tests) and the Online Retail example (datasets test) are held to the same rules:
 * - every page at a width: test/support/layout.ts's checks and no raw code of the vocabulary;
 * - every slide at a screen size: no scrolling, nothing outside the window or the slide, the layout checks, a
 *   message on every slide but the title, numbers right-aligned;
 * - the printed report: page numbers, dataset and as-of date on every page, no page but the last half empty.
 */
import {execFileSync} from "node:child_process";
import {mkdtemp, readdir, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {printReport} from "../../loaders/pdf/report.js";
import {waitForCharts, type Browser} from "./browser.js";
import {layoutProblems} from "./layout.js";
import {LABELLED_CODES} from "../../src/components/vocabulary.js";

/** A count of one with its noun in the plural ("1 customers") in a page's text, with some context. */
export function pluralProblems(text: string): string[] {
  const pattern = /[^\n]{0,30}(?<![\d.,])\b1\s(customers|accounts|rows|files|segments|years|profiles)\b[^\n]{0,20}/g;
  return [...text.matchAll(pattern)].map((match) => `"${match[0].trim()}": a count of one in the plural`);
}

/** Problems of every page of a site (the slides excepted) at one window width. */
export async function pageLayoutProblems(
  browser: Browser,
  origin: string,
  pages: readonly string[],
  width: number
): Promise<string[]> {
  const problems: string[] = [];
  for (const path of pages.filter((p) => p !== "/meeting")) {
    const page = await browser.context.newPage();
    await page.setViewportSize({width, height: 900});
    await page.goto(origin + path, {waitUntil: "networkidle"});
    // every chart drawn (a page may have none on a dataset that lacks what it shows: the site test holds the
    // sample's pages to their charts)
    await page.waitForTimeout(300);
    await waitForCharts(page, {atLeastOne: false});
    for (const problem of await layoutProblems(page, {containers: [".card", "main"]})) {
      problems.push(`${path}: ${problem}`);
    }
    // No code of the vocabulary shows as a code (snake_case ones; "catalogue" is a word too). Explore is
    // exempt: its result table shows what the analyst's SQL returns, as stored; so is <code>, which says what a
    // file should hold ("a customers extract with customer_type").
    const text = (await page.evaluate(
      `[...document.querySelectorAll("code")].reduce((text, c) => text.replace(c.innerText, ""), document.body.innerText) + " " + [...document.querySelectorAll("svg text")].map((t) => t.textContent).join(" ")`
    )) as string;
    for (const code of path === "/explore" ? [] : LABELLED_CODES.filter((c) => c.includes("_"))) {
      if (new RegExp(`(^|[^\\w/.])${code}([^\\w.]|$)`).test(text)) problems.push(`${path}: the raw code ${code}`);
    }
    problems.push(...pluralProblems(text).map((problem) => `${path}: ${problem}`));
    await page.close();
  }
  return problems;
}

/**
 * Problems of every slide of the deck at one screen size; `screenshot(n, title)` names the file a slide is saved
 * to, or undefined for none.
 */
export async function slideProblems(
  browser: Browser,
  origin: string,
  {width, height}: {width: number; height: number},
  screenshot: (n: number, title: string) => string | undefined = () => undefined
): Promise<{slides: number; problems: string[]}> {
  const page = await browser.context.newPage();
  await page.setViewportSize({width, height});
  await page.goto(`${origin}/meeting#1`, {waitUntil: "networkidle"});
  const slides = await page.locator(".slide").count();
  const problems: string[] = [];
  for (let n = 1; n <= slides; n++) {
    await page.evaluate(`location.hash = "#${n}"`);
    await page.keyboard.press(n <= 9 ? String(n) : "End");
    await page.waitForTimeout(150);
    const shown = await page.locator(".slide-deck").getAttribute("data-slide");
    if (shown !== String(n)) problems.push(`slide ${n}: the deck shows slide ${shown}`);
    const [scrollWidth, scrollHeight] = (await page.evaluate(
      "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )) as number[];
    if (scrollWidth > width || scrollHeight > height) problems.push(`slide ${n}: the page scrolls`);
    // The slide is inside the window, and its content inside the slide.
    const box = await page.locator(".slide.current").boundingBox();
    if (!box || box.x < -1 || box.y < -1 || box.x + box.width > width + 1 || box.y + box.height > height + 1) {
      problems.push(`slide ${n}: not inside the window (${JSON.stringify(box)})`);
    }
    for (const problem of await layoutProblems(page, {containers: [".slide.current"]})) {
      problems.push(`slide ${n}: ${problem}`);
    }
    if (n > 1 && !(await page.locator(".slide.current .message").textContent())?.trim()) {
      problems.push(`slide ${n}: no message`);
    }
    const misaligned = await page
      .locator(".slide.current td.num")
      .evaluateAll((cells) => cells.filter((c) => getComputedStyle(c).textAlign !== "right").length);
    if (misaligned) problems.push(`slide ${n}: ${misaligned} numbers not right-aligned`);
    const title = (await page.locator(".slide.current h2, .slide.current h1").first().textContent()) ?? "";
    const file = screenshot(n, title);
    if (file) await page.screenshot({path: file});
  }
  await page.close();
  return {slides, problems};
}

/**
 * Print a built site's report and check it: every page numbered "Page n of N" with the dataset's name and an
 * as-of date; no page but the last more than half empty (how far down its content reaches, read from a 30 dpi
 * greyscale rendering by Debian's poppler-utils, an independent reader of the PDF). `keep` receives the PDF's
 * path before it is removed (to copy it or render pages of it).
 */
export async function reportProblems(
  dist: string,
  dataset: string,
  keep: (pdf: string) => void = () => {}
): Promise<{pages: number; texts: string[]; problems: string[]}> {
  const dir = await mkdtemp(join(tmpdir(), "segmentera-report-"));
  try {
    const pdf = join(dir, "report.pdf");
    const pages = await printReport(dist, pdf);
    const problems: string[] = [];
    const texts = execFileSync("pdftotext", ["-layout", pdf, "-"], {encoding: "utf8"}).split("\f").slice(0, pages);
    texts.forEach((text, i) => {
      if (!text.includes(`Page ${i + 1} of ${pages}`)) problems.push(`page ${i + 1}: no "Page ${i + 1} of ${pages}"`);
      if (!text.includes(dataset)) problems.push(`page ${i + 1}: no dataset name`);
      if (!/as of \d{4}-\d{2}-\d{2}/.test(text)) problems.push(`page ${i + 1}: no as-of date`);
    });
    execFileSync("pdftoppm", ["-r", "30", "-gray", pdf, join(dir, "page")]);
    const files = (await readdir(dir)).filter((f) => f.startsWith("page") && f.endsWith(".pgm")).sort();
    if (files.length !== pages) problems.push(`${files.length} pages rendered of ${pages}`);
    const fills = await Promise.all(files.map(async (f) => contentDepth(await readFile(join(dir, f)))));
    fills.slice(0, -1).forEach((fill, i) => {
      if (fill <= 0.5) problems.push(`page ${i + 1} is filled to ${fill.toFixed(2)} of its height`);
    });
    keep(pdf);
    return {pages, texts, problems};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

/**
 * How far down an A4 page (a binary PGM) its content reaches, as a share of the area inside the 14 mm margins;
 * the page number in the bottom margin does not count.
 */
function contentDepth(pgm: Buffer): number {
  const header = pgm.toString("latin1", 0, 64).split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(pgm.length - width * height);
  const margin = Math.round((14 / 297) * height);
  let last = margin;
  for (let y = margin; y < height - margin; y++) {
    const row = data.subarray(y * width, (y + 1) * width);
    if (row.some((v) => v < 200)) last = y;
  }
  return (last - margin) / (height - 2 * margin);
}
