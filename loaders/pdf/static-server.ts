/**
 * A tiny static file server for dist/ on 127.0.0.1 (an ephemeral port), as the browser tests and the
 * benchmark need: clean URLs like Framework's (/page → /page.html), .wasm as application/wasm, and the
 * response headers of dist/_headers (the served-headers file static hosts read), so tests see the site's
 * real Content-Security-Policy.
 */
import {readdir, readFile, stat} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, relative, resolve} from "node:path";

/**
 * The pages of a built site as the server serves them, sorted: "/", "/segments", "/analyses/fashion-vs-basic"…
 * (Framework's own files under _* and the 404 page left out).
 */
export async function sitePages(dist: string): Promise<string[]> {
  return (await readdir(dist, {recursive: true, withFileTypes: true}))
    .filter((e) => e.isFile() && e.name.endsWith(".html") && e.name !== "404.html")
    .map((e) => relative(dist, join(e.parentPath, e.name)).split("\\").join("/"))
    .filter((f) => !f.startsWith("_"))
    .map((f) => "/" + f.replace(/(index)?\.html$/, ""))
    .sort();
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/octet-stream"
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const rules = parseHeaders(await readFile(join(base, "_headers"), "utf8").catch(() => ""));
  // A built site does not change while it is served: each file is read once and then served from memory, as
  // a production server's file cache would (a page asks for some 80 files at once).
  const files = new Map<string, Promise<{file: string; body: Buffer} | undefined>>();
  const load = (pathname: string) => {
    let entry = files.get(pathname);
    if (!entry) {
      entry = findFile(base, pathname).then(async (file) => (file ? {file, body: await readFile(file)} : undefined));
      files.set(pathname, entry);
    }
    return entry;
  };
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const found = await load(pathname);
    if (!found) {
      response.writeHead(404, {"content-type": "text/plain"}).end("not found");
      return;
    }
    const headers: Record<string, string> = {"content-type": TYPES[extname(found.file)] ?? "application/octet-stream"};
    for (const rule of rules) if (rule.matches(pathname)) Object.assign(headers, rule.headers);
    response.writeHead(200, headers).end(found.body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // Ends every connection too: a browser may keep one open (a page closed while a response was still being
    // written), and close() alone would wait for it without end.
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      })
  };
}

/** Rules of a Netlify-style _headers file: a path (a trailing * matches any rest), then indented headers. */
function parseHeaders(text: string): {matches: (path: string) => boolean; headers: Record<string, string>}[] {
  const rules: {matches: (path: string) => boolean; headers: Record<string, string>}[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const matches = pattern.endsWith("*")
        ? (path: string) => path.startsWith(pattern.slice(0, -1))
        : (path: string) => path === pattern;
      rules.push({matches, headers: {}});
    } else if (rules.length) {
      const colon = line.indexOf(":");
      rules[rules.length - 1].headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

async function findFile(base: string, pathname: string): Promise<string | undefined> {
  const path = normalize(join(base, pathname));
  if (!path.startsWith(base)) return undefined;
  const candidates = pathname.endsWith("/")
    ? [join(path, "index.html")]
    : [path, `${path}.html`, join(path, "index.html")];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}
