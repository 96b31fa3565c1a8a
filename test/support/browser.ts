/**
 * Headless Debian Chromium through playwright-core, with every request recorded, so that tests can fail on
 * console errors, page errors, failed requests and any request that leaves 127.0.0.1.
 */
import type {Page} from "playwright-core";
import {chartsDrawn, launchChromium, type Chromium} from "../../loaders/pdf/chromium.js";

export type Browser = Chromium;

/** Headless Chromium for tests (see loaders/pdf/chromium.ts). */
export const launchBrowser = launchChromium;

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
  requests: string[];
}

/** Record what goes wrong on a page: console errors, uncaught errors, failed and non-local requests. */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    externalRequests: [],
    requests: []
  };
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error)));
  page.on("request", (request) => {
    const url = request.url();
    problems.requests.push(url);
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"))
      problems.externalRequests.push(url);
  });
  page.on("requestfailed", (request) => {
    // A download the page itself cancels is not a failure of the site.
    if (request.failure()?.errorText !== "net::ERR_ABORTED")
      problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
  });
  return problems;
}

/** The problems that must all be empty for a page to pass (requests themselves are not a problem). */
export function pageFailures(problems: PageProblems): Omit<PageProblems, "requests"> {
  const {consoleErrors, pageErrors, failedRequests, externalRequests} = problems;
  return {consoleErrors, pageErrors, failedRequests, externalRequests};
}

export const NO_FAILURES: Omit<PageProblems, "requests"> = {
  consoleErrors: [],
  pageErrors: [],
  failedRequests: [],
  externalRequests: []
};

/** Wait until every chart the page asked for has drawn, and (by default) there is at least one. */
export async function waitForCharts(page: Page, {atLeastOne = true} = {}): Promise<void> {
  await page.waitForFunction(chartsDrawn, atLeastOne, {timeout: 30_000});
}
