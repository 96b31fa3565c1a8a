/**
 * Tighten the built site's Content-Security-Policy, page by page, after `observable build`:
 *
 * - `script-src` lists the SHA-256 hashes of the page's own inline scripts (Framework writes one inline module
 *   and one inline script per page) instead of 'unsafe-inline';
 * - 'unsafe-eval' only on pages that load Arquero (it compiles table expressions to functions), and
 *   'wasm-unsafe-eval' only on pages that load duckdb-wasm;
 * - `base-uri 'none'` and `form-action 'none'` in the page's meta policy;
 * - `_headers` (the served-headers file Netlify, Cloudflare Pages and our own test server read) with the same
 *   policy per page plus `frame-ancestors 'none'` (which a meta policy cannot carry), and a policy for the
 *   duckdb-wasm worker, which a page's meta policy does not bind: it may connect to the site's own origin only;
 *   and long-lived caching of the content-addressed files (scripts, styles, data), so that a page visited again
 *   loads none of them anew.
 *
 * The dev server (`npm run dev`) keeps the looser policy of observablehq.config.ts, which Framework's live
 * reload needs.
 *
 * It also removes the one third-party address the bundled libraries carry: duckdb-wasm ships a helper
 * (`getJsDelivrBundles`) that names jsDelivr. The site never calls it (it loads duckdb-wasm from its own
 * `_node/`, src/components/duckdb-client.ts), and the policy above would block it; rewritten to `/_node/`, it
 * points at the site's own copy, and no file of the site or of Framework's cache names a CDN.
 */
import {createHash} from "node:crypto";
import {readdir, readFile, writeFile} from "node:fs/promises";
import {join, relative} from "node:path";

/** Directives every page shares. */
const BASE = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
];

/** The built site's folders of content-addressed files (cached for good, see hardenSite). */
const IMMUTABLE = ["/_node/*", "/_import/*", "/_file/*", "/_observablehq/*"];

/** The policy for the duckdb-wasm worker script (served from _node/@duckdb/). */
export const WORKER_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; base-uri 'none'; form-action 'none'";

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
const META_POLICY = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;

/**
 * The policy for one built page.
 * @example pagePolicy('<script type="module">run()</script>') // "default-src 'self'; script-src 'self' 'sha256-…'; …"
 */
export function pagePolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`
  );
  const script = [
    "'self'",
    ...new Set(hashes),
    ...(html.includes("/arquero@") ? ["'unsafe-eval'"] : []),
    ...(html.includes("/@duckdb/duckdb-wasm@") ? ["'wasm-unsafe-eval'"] : [])
  ];
  return [BASE[0], `script-src ${script.join(" ")}`, ...BASE.slice(1)].join("; ");
}

/** Rewrite every page's meta policy under `dist` and write `dist/_headers`. @returns the pages rewritten */
export async function hardenSite(dist: string): Promise<string[]> {
  const pages = (await readdir(dist, {recursive: true})).filter((f) => f.endsWith(".html")).sort();
  const headers: string[] = [];
  for (const page of pages) {
    const file = join(dist, page);
    const html = await readFile(file, "utf8");
    if (!META_POLICY.test(html)) throw new Error(`${page} has no Content-Security-Policy meta tag to tighten`);
    const policy = pagePolicy(html);
    await writeFile(file, html.replace(META_POLICY, `$1${policy}$2`));
    const url = "/" + relative(dist, file).replace(/\\/g, "/");
    const routes = url.endsWith("index.html") ? [url, url.slice(0, -"index.html".length)] : [url, url.slice(0, -5)];
    for (const route of routes) {
      headers.push(route, `  Content-Security-Policy: ${policy}; frame-ancestors 'none'`, "");
    }
  }
  headers.push(
    "/_node/@duckdb/*",
    `  Content-Security-Policy: ${WORKER_POLICY}; frame-ancestors 'none'`,
    "",
    // Framework names every file under these by its content's hash (index.8319c5bb.js, meta.bc54d655.json), and
    // the one file of _node/ without a hash (duckdb-wasm's engine) lies in its package version's folder: a changed
    // file has a new address, so a browser may keep each one for good.
    ...IMMUTABLE.flatMap((path) => [path, "  Cache-Control: public, max-age=31536000, immutable", ""]),
    "/*",
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: no-referrer",
    "  X-Frame-Options: DENY",
    ""
  );
  await writeFile(join(dist, "_headers"), headers.join("\n"));
  return pages;
}

/** CDN bases that vendored bundles name, and what they become: the site's own copy of the packages. */
const CDN_BASES: [string, string][] = [["https://cdn.jsdelivr.net/npm/", "/_node/"]];

/**
 * Rewrite CDN addresses in the JavaScript bundles under `root` (a built site, or Framework's cache).
 * @returns the files rewritten
 */
export async function selfHostBundles(root: string): Promise<string[]> {
  const files = (await readdir(root, {recursive: true}).catch(() => [] as string[])).filter((f) => f.endsWith(".js"));
  const rewritten: string[] = [];
  for (const name of files) {
    const file = join(root, name);
    const text = await readFile(file, "utf8");
    const replaced = CDN_BASES.reduce((t, [cdn, local]) => t.replaceAll(cdn, local), text);
    if (replaced !== text) {
      await writeFile(file, replaced);
      rewritten.push(name);
    }
  }
  return rewritten;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.env.SEGMENTERA_DIST ?? "dist";
  for (const root of [join(dist, "_node"), join("src", ".observablehq", "cache", "_node")]) await selfHostBundles(root);
  const pages = await hardenSite(dist);
  process.stderr.write(`[segmentera] tightened the Content-Security-Policy of ${pages.length} pages in ${dist}\n`);
}
