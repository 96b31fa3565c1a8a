import {serveStatic} from "../loaders/pdf/static-server.js";
import {launchBrowser, watchPage} from "./support/browser.js";
const dist = process.argv[2];
const server = await serveStatic(dist);
const browser = await launchBrowser();
for (const path of [
  "/",
  "/segments",
  "/catalogue",
  "/accounts",
  "/kraljic",
  "/migration",
  "/profitability",
  "/report",
  "/meeting",
  "/explore",
  "/analyses/fashion-vs-basic",
  "/analyses/private-label-trend",
  "/data-quality"
]) {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url);
  await page.goto(server.url + path, {waitUntil: "networkidle"});
  await page.waitForTimeout(1500);
  const text = await page.evaluate(() => document.body.innerText);
  const bad = [...text.matchAll(/[^\n]{0,50}\b(undefined|NaN|Infinity|null)\b[^\n]{0,30}|[^\n]{0,40}∞[^\n]{0,20}/g)]
    .map((m) => m[0])
    .slice(0, 6);
  const errors = await page.locator(".observablehq--error").allTextContents();
  console.log(
    path,
    JSON.stringify(bad),
    JSON.stringify(errors.map((e) => e.slice(0, 120))),
    JSON.stringify(problems.pageErrors?.slice(0, 2))
  );
  await page.screenshot({path: `/tmp/or-${path.replace(/\//g, "_") || "index"}.png`, fullPage: false});
  await page.close();
}
await browser.close();
await server.close();
