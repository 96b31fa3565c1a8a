/**
 * One benchmark run in its own process (so that peak RSS is this run's), on one dataset folder; `baselines`
 * and `pipeline` run in separate processes, so that the pipeline's peak RSS is its own:
 * - `baselines`: (a) the bare baseline: one GROUP BY over the sales-lines file, in memory; (b) the physical floor
 *   of a reader that validates: DuckDB's typed read_csv of every column of every extract file into a table of a
 *   database file;
 * - `pipeline`: the whole pipeline into a database file (ingest with validation, then the engine), every step
 *   and statement timed.
 * Prints one JSON line.
 */
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {openDatabase, quoteLiteral, type Database} from "../duckdb.js";
import {load, readDataset} from "../extract/index.js";
import type {Logger} from "../log.js";
import {runEngine} from "../segmentation/index.js";

const [dir, mode] = process.argv.slice(2);
const dataset = await readDataset(dir);

/** A fresh database file (DuckDB spills beyond its memory limit only from a file), removed afterwards. */
async function withDatabaseFile<T>(name: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const file = join(dir, name);
  await rm(file, {force: true});
  await rm(`${file}.wal`, {force: true});
  const db = await openDatabase(file);
  try {
    return await work(db);
  } finally {
    db.close();
    await rm(file, {force: true});
    await rm(`${file}.wal`, {force: true});
  }
}

if (mode === "baselines") {
  const baselineDb = await openDatabase();
  let started = performance.now();
  const [baseline] = await baselineDb.query<{rows: number}>(
    `SELECT count(*)::INTEGER AS rows FROM (
       SELECT customer_id, year(invoice_date) AS year, sum(net_amount) AS revenue
       FROM read_csv(${quoteLiteral(join(dir, "sales_lines.csv"))})
       GROUP BY ALL)`
  );
  const baselineMs = performance.now() - started;
  baselineDb.close();
  const typedReadMs = await withDatabaseFile("floor.duckdb", async (db) => {
    started = performance.now();
    for (const [i, file] of dataset.files.entries()) {
      await db.run(`CREATE TABLE file_${i} AS SELECT * FROM read_csv(${quoteLiteral(file)})`);
    }
    return performance.now() - started;
  });
  process.stdout.write(JSON.stringify({groups: baseline.rows, baselineMs, typedReadMs}) + "\n");
  process.exit(0);
}

/** Records every step's duration (nested steps too); progress on stderr, the result on stdout. */
const steps: {name: string; ms: number}[] = [];
const recorder: Logger = {
  info() {},
  async step(name, work) {
    const begin = performance.now();
    process.stderr.write(`[bench] ${name} …\n`);
    const result = await work();
    steps.push({name, ms: performance.now() - begin});
    return result;
  }
};

/**
 * Every statement timed, with DuckDB's own profile (JSON, one file per statement): the slowest statements and the
 * operators of the slowest one go into BENCHMARKS.md.
 */
const statements: {sql: string; ms: number; profile: string}[] = [];
const profiles = await mkdtemp(join(tmpdir(), "segmentera-profile-"));
async function profileStatements(db: Database): Promise<void> {
  await db.run("PRAGMA enable_profiling = 'json'");
  const timed =
    <T>(call: (sql: string, params?: never) => Promise<T>) =>
    async (sql: string, params?: never): Promise<T> => {
      const profile = join(profiles, `${statements.length}.json`);
      await call(`SET profiling_output = ${quoteLiteral(profile)}`);
      const begin = performance.now();
      const result = await call(sql, params);
      statements.push({sql, ms: performance.now() - begin, profile});
      return result;
    };
  db.run = timed(db.run.bind(db)) as Database["run"];
  db.query = timed(db.query.bind(db)) as Database["query"];
}

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  children?: ProfileNode[];
}

/** The operators of a statement's profile that took longest (their own time, summed over threads). */
async function topOperators(file: string): Promise<{operator: string; seconds: number; rows: number}[]> {
  const root = JSON.parse(await readFile(file, "utf8")) as ProfileNode;
  const operators: {operator: string; seconds: number; rows: number}[] = [];
  const walk = (node: ProfileNode) => {
    if (node.operator_name) {
      operators.push({
        operator: node.operator_name.trim(),
        seconds: node.operator_timing ?? 0,
        rows: node.operator_cardinality ?? 0
      });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return operators.sort((a, b) => b.seconds - a.seconds).slice(0, 6);
}

const {report, ingestMs, engineMs} = await withDatabaseFile("bench.duckdb", async (db) => {
  await profileStatements(db);
  let started = performance.now();
  const loaded = await load(db, dataset, recorder);
  const ingest = performance.now() - started;
  started = performance.now();
  await runEngine(db, dataset.settings, recorder);
  return {report: loaded, ingestMs: ingest, engineMs: performance.now() - started};
});
const lines = report.files.find((f) => f.table === "sales_lines")!.rows_read;
const slowest = [...statements].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.BENCH_STATEMENTS ?? 8));
const slowestProfile = slowest.length ? await topOperators(slowest[0].profile).catch(() => []) : [];
await rm(profiles, {recursive: true, force: true});
process.stdout.write(
  JSON.stringify({
    lines,
    ingestMs,
    engineMs,
    steps,
    statements: slowest.map(({sql, ms}) => ({sql: sql.replace(/\s+/g, " ").trim().slice(0, 110), ms})),
    slowestProfile,
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }) + "\n"
);
