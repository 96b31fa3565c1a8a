/**
 * The one way Segmentera starts a browser: Debian's headless Chromium through playwright-core, in a fresh
 * profile, with the flags this closed network needs (no background networking, sync or component updates).
 * Used by the PDF report, the benchmark and the browser tests.
 */
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium, type BrowserContext} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

/**
 * In the page (page.waitForFunction(chartsDrawn, atLeastOne)): true once every chart the page asked for has
 * drawn, and, with `atLeastOne`, there is one. src/components/vl-render.ts counts the charts still queued in the
 * root element's data-charts-queued and marks each drawn figure data-rendered; figures alone do not tell, since
 * a chart still in the queue has none yet. A function, not a string: the site's policy forbids eval.
 */
export const chartsDrawn = (atLeastOne: boolean): boolean => {
  const figures = [...document.querySelectorAll<HTMLElement>("figure.vl-chart")];
  return (
    (!atLeastOne || figures.length > 0) &&
    (document.documentElement.dataset.chartsQueued ?? "0") === "0" &&
    figures.every((f) => f.dataset.rendered === "true")
  );
};

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = {width: 1400, height: 1000}): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), "segmentera-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    acceptDownloads: true,
    env: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, HOME: profile}
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, {recursive: true, force: true});
    }
  };
}
