/**
 * One benchmark run in its own process (so peak RSS is this run's): the bare DuckDB baseline — one GROUP BY
 * over the same sales-lines file — then the whole pipeline (ingest with validation, then the engine) on the
 * dataset folder. Prints one JSON line.
 */
import {rm} from "node:fs/promises";
import {join} from "node:path";
import {openDatabase, quoteLiteral} from "../duckdb.js";
import {load, readDataset} from "../extract/index.js";
import {silentLogger} from "../log.js";
import {runEngine} from "../segmentation/index.js";

const dir = process.argv[2];
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

const dataset = await readDataset(dir);
// A database file, as the real warehouse uses: DuckDB can spill to disk beyond its memory limit only then.
const databaseFile = join(dir, "bench.duckdb");
await rm(databaseFile, {force: true});
await rm(`${databaseFile}.wal`, {force: true});
const db = await openDatabase(databaseFile);
started = performance.now();
const report = await load(db, dataset, silentLogger);
const ingestMs = performance.now() - started;
started = performance.now();
await runEngine(db, dataset.settings, silentLogger);
const engineMs = performance.now() - started;
db.close();
await rm(databaseFile, {force: true});
const lines = report.files.find((f) => f.table === "sales_lines")!.rows_read;
process.stdout.write(
  JSON.stringify({
    lines,
    groups: baseline.rows,
    baselineMs,
    ingestMs,
    engineMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }) + "\n"
);
