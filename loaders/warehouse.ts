/**
 * The warehouse: one DuckDB file per (extracts, mapping, settings, code) with the canonical tables and
 * every engine output. Framework data loaders open it read-only and export what their page needs.
 *
 * Why a content-addressed file: Framework caches a loader's output by the loader file's mtime only, and
 * several loaders run at once during a build. Building the warehouse once, under a lock, keyed by a hash of
 * everything that can change a figure, means no loader ever shows a stale number and no work is done twice.
 */
import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {mkdir, readdir, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {arrowStream} from "./arrow.js";
import {buildDatabase, cacheError, removeLeftovers, withLock} from "./cache.js";
import {openDatabase, type Database} from "./duckdb.js";
import {createPublishedViews} from "./privacy.js";
import {runEngine} from "./segmentation/index.js";
import {ExtractError, readDataset, stage, type Dataset, type LoadReport} from "./extract/index.js";
import {createLogger, type Logger} from "./log.js";
import {generateSample, SAMPLE_FILES} from "./generator/index.js";
import type {Settings} from "./settings.js";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SAMPLE_DIR = join(PROJECT_ROOT, "data", "sample");
/** Staging and warehouse databases: $SEGMENTERA_CACHE (relative to the project root or absolute), else data/.cache. */
export const CACHE_DIR = resolve(PROJECT_ROOT, process.env.SEGMENTERA_CACHE ?? join("data", ".cache"));
/** Framework's cache of the data loaders' outputs (invalidateSiteCache clears it when the figures change). */
export const SITE_CACHE_DIR = join(PROJECT_ROOT, "src", ".observablehq", "cache");

export interface Warehouse {
  path: string;
  dataset: Dataset;
  settings: Settings;
  report: LoadReport;
}

/** The dataset folder: $SEGMENTERA_DATA (relative to the project root or absolute), else the generated sample. */
export function datasetDir(): string {
  const fromEnv = process.env.SEGMENTERA_DATA;
  return fromEnv ? resolve(PROJECT_ROOT, fromEnv) : SAMPLE_DIR;
}

/**
 * Build the warehouse for a dataset folder, or reuse it when nothing that feeds it has changed, and point the
 * page loaders at it (see openWarehouse).
 * @throws ExtractError when the extracts cannot be loaded (the message says what to fix)
 */
export async function buildWarehouse(dir = datasetDir(), log: Logger = createLogger()): Promise<Warehouse> {
  if (resolve(dir) === SAMPLE_DIR) await ensureSample(log);
  const dataset = await readDataset(dir);
  // Taken before the extracts are read: a file edited during the build leaves a pointer that no longer holds.
  const stamp = await fingerprint(dataset);
  try {
    await mkdir(CACHE_DIR, {recursive: true});
    const removed = await removeLeftovers(CACHE_DIR);
    if (removed.length) log.info(`removed ${removed.length} file(s) left by a killed run: ${removed.join(", ")}`);
    const {
      path: stagingPath,
      report,
      cached
    } = await withLock(join(CACHE_DIR, "staging.lock"), () => stage(dataset, {cacheDir: CACHE_DIR, log}), log);
    if (cached) log.info(`extracts unchanged: reusing ${stagingPath}`);
    const key = hash([stagingPath, JSON.stringify(dataset.settings), await codeVersion(ENGINE_EXCLUDES)]);
    const path = join(CACHE_DIR, `warehouse-${key}.duckdb`);
    await withLock(
      join(CACHE_DIR, "warehouse.lock"),
      async () => {
        if (existsSync(path)) return;
        // The staged tables are the warehouse's first tables: the engine builds on a copy of the staging file.
        await buildDatabase(
          path,
          async (db) => {
            await runEngine(db, dataset.settings, log);
            await createPublishedViews(db, dataset.settings);
          },
          {from: stagingPath}
        );
      },
      log
    );
    await writePointer(dataset.dir, path, stamp);
    return {path, dataset, settings: dataset.settings, report};
  } catch (error) {
    throw cacheError(error, CACHE_DIR);
  }
}

/**
 * Open the dataset's warehouse read-only for a page loader. Build once, read many: `npm run warehouse` leaves a
 * pointer to the warehouse it built, with a fingerprint of what fed it (each extract's size and modification
 * time, the mapping, the settings, the day, the engine's code). While the fingerprint holds, a loader opens that
 * file without reading or hashing a single extract; otherwise it builds (or reuses) the warehouse itself.
 * Close the database when done.
 */
export async function openWarehouse(log: Logger = createLogger()): Promise<{db: Database; warehouse: Warehouse}> {
  const dir = datasetDir();
  const pointed = await readPointer(dir);
  if (pointed) {
    const db = await openDatabase(pointed.path, {readOnly: true});
    const [{report}] = await db.query<{report: string}>("SELECT report FROM load_meta");
    const warehouse = {...pointed, settings: pointed.dataset.settings, report: JSON.parse(report) as LoadReport};
    return {db, warehouse};
  }
  const warehouse = await buildWarehouse(dir, log);
  const db = await openDatabase(warehouse.path, {readOnly: true});
  return {db, warehouse};
}

function pointerFile(dir: string): string {
  return join(CACHE_DIR, `current-${hash([resolve(dir)])}.json`);
}

async function writePointer(dir: string, path: string, fingerprint: string): Promise<void> {
  const file = pointerFile(dir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({path, fingerprint}));
  await rename(temporary, file);
}

/** The warehouse the pointer names, when it exists and its fingerprint still holds; else undefined. */
async function readPointer(dir: string): Promise<{path: string; dataset: Dataset} | undefined> {
  const text = await readFile(pointerFile(dir), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const pointer = JSON.parse(text) as {path: string; fingerprint: string};
  if (!existsSync(pointer.path)) return undefined;
  try {
    const dataset = await readDataset(dir);
    return (await fingerprint(dataset)) === pointer.fingerprint ? {path: pointer.path, dataset} : undefined;
  } catch {
    return undefined; // a mapping or file problem: building says what it is
  }
}

/** What fed a warehouse, without reading the extracts: their sizes and modification times. */
async function fingerprint(dataset: Dataset): Promise<string> {
  const files = await Promise.all(
    dataset.files.map(async (file) => {
      const {size, mtimeMs} = await stat(file);
      return `${file}\t${size}\t${mtimeMs}`;
    })
  );
  const day = dataset.settings.asOf ?? new Date().toISOString().slice(0, 10); // future_date depends on it
  const code = await codeVersion(ENGINE_EXCLUDES);
  return hash([JSON.stringify(dataset.config), JSON.stringify(dataset.settings), day, ...files, code]);
}

/**
 * Run a Framework data loader body: build/open the warehouse, write what `produce` returns to stdout as JSON.
 * A load problem the user can fix is printed as one clear message (no stack trace) and exits non-zero.
 */
export async function runJsonLoader(produce: (db: Database, warehouse: Warehouse) => Promise<unknown>): Promise<void> {
  await runLoader(async (db, warehouse) => {
    process.stdout.write(JSON.stringify(await produce(db, warehouse)));
  });
}

/**
 * Like runJsonLoader, for tables: writes the rows as an Arrow IPC stream (typed, compact, arrow.ts; read in the
 * browser with components/arrow.ts or Arquero, or registered as a duckdb-wasm table on analyst pages).
 */
export async function runArrowLoader(
  produce: (db: Database, warehouse: Warehouse) => Promise<readonly object[]>
): Promise<void> {
  await runLoader(async (db, warehouse) => {
    const rows = (await produce(db, warehouse)) as Record<string, unknown>[];
    process.stdout.write(arrowStream(rows));
  });
}

/** Open the warehouse for a Framework data loader; turn a load problem into one clear message and exit 1. */
export async function runLoader(write: (db: Database, warehouse: Warehouse) => Promise<void>): Promise<void> {
  try {
    const {db, warehouse} = await openWarehouse();
    try {
      await write(db, warehouse);
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof ExtractError) {
      process.stderr.write(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Framework caches each data loader's output by the loader file's mtime, so it can't see a changed extract,
 * setting or loaders/ module. Clear its cache when the warehouse (or the report queries) changed since the
 * last run, and keep it otherwise, so that a page-only edit rebuilds without re-running any loader.
 * @returns whether the cache was cleared
 */
export async function invalidateSiteCache(warehouse: Warehouse): Promise<boolean> {
  const stampFile = join(CACHE_DIR, "site-cache.stamp");
  const stamp = hash([warehouse.path, await codeVersion()]);
  const previous = await readFile(stampFile, "utf8").catch(() => "");
  if (previous === stamp && existsSync(SITE_CACHE_DIR)) return false;
  await rm(SITE_CACHE_DIR, {recursive: true, force: true});
  await writeFile(stampFile, stamp);
  return true;
}

/** Generate the sample into data/sample when any of its files is missing. */
async function ensureSample(log: Logger): Promise<void> {
  if (SAMPLE_FILES.every((file) => existsSync(join(SAMPLE_DIR, file)))) return;
  await log.step("generate sample data (data/sample)", () => generateSample(SAMPLE_DIR, {}, log));
}

/**
 * The parts of loaders/ that cannot change a warehouse figure: the benchmark, the PDF printer, the analysis
 * scaffold, the site hardening, the command line, the report queries (they change pages, not the warehouse) and
 * the sample generator (a regenerated sample changes the extracts, which are keyed themselves).
 */
export const ENGINE_EXCLUDES = ["bench/", "pdf/", "scaffold/", "site/", "reports/", "generator/", "cli.ts"];

/**
 * A hash of the loader library's source (less `excludes`), so a code change rebuilds what it feeds. Read anew
 * each call: about seventy small files, a few times per process.
 */
export async function codeVersion(excludes: string[] = [], root = join(PROJECT_ROOT, "loaders")): Promise<string> {
  const files = (await readdir(root, {recursive: true}))
    .map((f) => f.split("\\").join("/"))
    .filter((f) => f.endsWith(".ts") && !excludes.some((x) => f === x || f.startsWith(x)))
    .sort();
  const contents = await Promise.all(files.map((f) => readFile(join(root, f), "utf8")));
  return hash(files.flatMap((f, i) => [f, contents[i]]));
}

function hash(parts: string[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("hex").slice(0, 16);
}
