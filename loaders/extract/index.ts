/**
 * Stage a dataset: read every extract through DuckDB into a staging database holding the canonical tables
 * (accepted rows only), the rejects (file, line, column, value, rule) and the reconciliation per file.
 * The staging database is cached by the extracts' content, the mapping and this code: an unchanged extract
 * is not read again.
 */
import {createHash} from "node:crypto";
import {createReadStream, existsSync} from "node:fs";
import {readdir, readFile, rename, rm} from "node:fs/promises";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {openDatabase, quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import type {Logger} from "../log.js";
import {createTableSql, TABLE_ORDER, TABLES, type TableName} from "../schema.js";
import {displayPath, readDataset, type Dataset, type TableConfig} from "./dataset.js";
import {ExtractError} from "./errors.js";
import {readRaw} from "./read.js";
import {checkRows, DERIVED_COLUMNS, detectDecimal, mapColumns, RULE_MESSAGES} from "./validate.js";

export {ExtractError, readDataset, type Dataset};

export interface LoadFileReport {
  table: string;
  file: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_filtered: number;
  revenue_read: number;
  revenue_accepted: number;
  revenue_rejected: number;
}

export interface LoadReport {
  dataset: string;
  files: LoadFileReport[];
  rejects: number;
  rejectedRevenueShare: number;
  derived: string[];
  summary: string;
}

const REJECTS_SQL = `CREATE TABLE rejects (
  table_name VARCHAR,
  file VARCHAR,
  line BIGINT,
  column_name VARCHAR,
  value VARCHAR,
  rule VARCHAR,
  message VARCHAR,
  net_amount DECIMAL(18,2)
)`;

const LOAD_FILES_SQL = `CREATE TABLE load_files (
  "table" VARCHAR,
  file VARCHAR,
  rows_read BIGINT,
  rows_accepted BIGINT,
  rows_rejected BIGINT,
  rows_filtered BIGINT,
  revenue_read DECIMAL(18,2),
  revenue_accepted DECIMAL(18,2),
  revenue_rejected DECIMAL(18,2)
)`;

/**
 * Build (or reuse) the staging database for a dataset.
 * @throws ExtractError for fatal problems and when rejected revenue exceeds settings.maxRejectedRevenueShare
 */
export async function stage(
  dataset: Dataset,
  {cacheDir, log}: {cacheDir: string; log: Logger}
): Promise<{path: string; report: LoadReport; cached: boolean}> {
  const key = await stagingKey(dataset);
  const path = join(cacheDir, `staging-${key}.duckdb`);
  if (existsSync(path)) {
    const db = await openDatabase(path, {readOnly: true});
    try {
      const [{report}] = await db.query<{report: string}>("SELECT report FROM load_meta");
      const parsed = JSON.parse(report) as LoadReport;
      checkThreshold(dataset, parsed);
      return {path, report: parsed, cached: true};
    } finally {
      db.close();
    }
  }
  const temporary = `${path}.${process.pid}.tmp`;
  await rm(temporary, {force: true});
  const db = await openDatabase(temporary);
  let report: LoadReport;
  try {
    report = await load(db, dataset, log);
    await db.run("CREATE TABLE load_meta (report VARCHAR)");
    await db.run("INSERT INTO load_meta VALUES ($report)", {report: JSON.stringify(report)});
    await db.run("CHECKPOINT");
  } catch (error) {
    db.close();
    await rm(temporary, {force: true});
    throw error;
  }
  db.close();
  await rename(temporary, path);
  checkThreshold(dataset, report);
  return {path, report, cached: false};
}

/** Load every configured table into `db` (which gets the canonical tables, rejects and load_files). */
export async function load(db: Database, dataset: Dataset, log: Logger): Promise<LoadReport> {
  for (const name of TABLE_ORDER) await db.run(createTableSql(TABLES[name]));
  await db.run(REJECTS_SQL);
  await db.run(LOAD_FILES_SQL);
  const configured = dataset.config.tables;
  for (const name of TABLE_ORDER) {
    const config = configured[name];
    if (!config) continue;
    await log.step(`read ${name}`, () =>
      loadTable(db, name, config, dataset.tableFiles[name] ?? [], {
        customers: Boolean(configured.customers),
        articles: Boolean(configured.articles)
      })
    );
  }
  const derived: string[] = [];
  for (const name of ["customers", "articles"] as const) {
    if (configured[name]) continue;
    await deriveTable(db, name);
    derived.push(`${name} derived from sales_lines`);
  }
  // A line without its own unit cost takes the article's.
  await db.run(
    `UPDATE sales_lines SET unit_cost = a.unit_cost FROM articles AS a
     WHERE sales_lines.unit_cost IS NULL AND a.article_id = sales_lines.article_id AND a.unit_cost IS NOT NULL`
  );
  const files = await db.query<LoadFileReport>(
    `SELECT "table", file, rows_read::INTEGER AS rows_read, rows_accepted::INTEGER AS rows_accepted,
            rows_rejected::INTEGER AS rows_rejected, rows_filtered::INTEGER AS rows_filtered,
            revenue_read::DOUBLE AS revenue_read, revenue_accepted::DOUBLE AS revenue_accepted, revenue_rejected::DOUBLE AS revenue_rejected
     FROM load_files ORDER BY rowid`
  );
  const sales = files.filter((f) => f.table === "sales_lines");
  const revenueRead = sales.reduce((s, f) => s + f.revenue_read, 0);
  const revenueRejected = sales.reduce((s, f) => s + f.revenue_rejected, 0);
  const rejects = files.reduce((s, f) => s + f.rows_rejected, 0);
  const report: LoadReport = {
    dataset: dataset.name,
    files,
    rejects,
    rejectedRevenueShare: revenueRead > 0 ? Math.max(0, revenueRejected) / revenueRead : 0,
    derived,
    summary: ""
  };
  report.summary = summarise(report, dataset);
  return report;
}

async function loadTable(
  db: Database,
  name: TableName,
  config: TableConfig,
  files: string[],
  references: {customers: boolean; articles: boolean}
): Promise<void> {
  const mappedParts: string[] = [];
  const counts: {file: string; read: number; filtered: number; structural: number}[] = [];
  for (const [i, file] of files.entries()) {
    const shown = displayPath(file);
    const raw = await readRaw(db, file, `raw_${name}_${i}`, config.csv);
    if (raw.rows === 0 && raw.rejects.length === 0) {
      throw new ExtractError({
        file: shown,
        rule: "no_rows",
        problem: "the file has a header but no rows",
        hint: "export it again with data, or remove the table from segmentera.json"
      });
    }
    const columns = mapColumns(name, config, raw.columns, shown);
    const part = `mapped_${name}_${i}`;
    const select = columns.map((c) => `${c.expression} AS ${quoteIdent(c.name)}`).join(", ");
    try {
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ${part} AS
         SELECT ${quoteLiteral(shown)} AS __file, __line, ${select}
         FROM ${raw.table}
         ${config.where ? `WHERE (${config.where})` : ""}`
      );
    } catch (error) {
      throw new ExtractError({
        file: shown,
        rule: "bad_config",
        problem: `the mapping's SQL for ${name} fails (${String((error as Error).message).split("\n")[0]})`,
        hint: 'fix the "sql" expression or "where" filter in segmentera.json'
      });
    }
    const [{n}] = await db.query<{n: number}>(`SELECT count(*)::INTEGER AS n FROM ${part}`);
    counts.push({
      file: shown,
      read: raw.rows + raw.rejects.length,
      filtered: raw.rows - n,
      structural: raw.rejects.length
    });
    for (const reject of raw.rejects) {
      await db.run(
        `INSERT INTO rejects VALUES ($table, $file, $line, $column, $value, 'malformed_line', $message, NULL)`,
        {
          table: name,
          file: shown,
          line: reject.line,
          column: reject.column,
          value: reject.value,
          message: reject.message
        }
      );
    }
    await db.run(`DROP TABLE ${raw.table}`);
    mappedParts.push(part);
  }
  const mapped = `mapped_${name}`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${mapped} AS ${mappedParts.map((p) => `SELECT * FROM ${p}`).join(" UNION ALL BY NAME ")}`
  );
  for (const part of mappedParts) await db.run(`DROP TABLE ${part}`);

  const spec = TABLES[name];
  const present = new Set(
    (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${mapped})`)).map((r) => r.name)
  );
  const decimals: Record<string, "." | ","> = {};
  const numeric = [...spec.columns, ...TABLES.customers.columns, ...TABLES.articles.columns].filter((c) =>
    /DECIMAL|DOUBLE|INTEGER/.test(c.type)
  );
  for (const column of numeric) {
    if (!present.has(column.name) || decimals[column.name]) continue;
    const setting = config.csv?.decimal;
    decimals[column.name] = setting === "." || setting === "," ? setting : await detectDecimal(db, mapped, column.name);
  }
  const checked = await checkRows(db, name, mapped, decimals, config.csv ?? {}, references);
  const columnList = spec.columns.map((c) => c.name).join(", ");
  await db.run(
    `INSERT INTO ${name} (${columnList}) SELECT ${columnList} FROM ${checked} WHERE __rule IS NULL ORDER BY __file, __line`
  );
  const amount = name === "sales_lines" ? "net_amount" : "NULL::DECIMAL(18,2)";
  const messages = Object.entries(RULE_MESSAGES)
    .map(([rule, text]) => `WHEN '${rule}' THEN ${quoteLiteral(text)}`)
    .join(" ");
  await db.run(
    `INSERT INTO rejects
     SELECT ${quoteLiteral(name)}, __file, __line, __column, __value, __rule,
            format('Line {} of {}: {} "{}" {}', __line, __file, __column, coalesce(__value, ''), CASE __rule ${messages} END),
            ${amount}
     FROM ${checked} WHERE __rule IS NOT NULL ORDER BY __file, __line`
  );
  if (name === "sales_lines") {
    const extras = [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles].filter((c) => present.has(c));
    await db.run(
      `CREATE OR REPLACE TEMP TABLE sales_extra AS
       SELECT customer_id, article_id${extras.map((c) => `, ${quoteIdent("x_" + c)} AS ${c}`).join("")}
       FROM ${checked} WHERE __rule IS NULL`
    );
  }
  for (const count of counts) {
    const [row] = await db.query<{
      accepted: number;
      rejected: number;
      revenue_accepted: string;
      revenue_rejected: string;
    }>(
      `SELECT
         count(*) FILTER (WHERE __rule IS NULL)::INTEGER AS accepted,
         count(*) FILTER (WHERE __rule IS NOT NULL)::INTEGER AS rejected,
         coalesce(sum(${amount}) FILTER (WHERE __rule IS NULL), 0)::VARCHAR AS revenue_accepted,
         coalesce(sum(${amount}) FILTER (WHERE __rule IS NOT NULL), 0)::VARCHAR AS revenue_rejected
       FROM ${checked} WHERE __file = $file`,
      {file: count.file}
    );
    await db.run(
      `INSERT INTO load_files VALUES ($table, $file, $read, $accepted, $rejected, $filtered,
         $revenue_accepted::DECIMAL(18,2) + $revenue_rejected::DECIMAL(18,2), $revenue_accepted::DECIMAL(18,2), $revenue_rejected::DECIMAL(18,2))`,
      {
        table: name,
        file: count.file,
        read: count.read,
        accepted: row.accepted,
        rejected: row.rejected + count.structural,
        filtered: count.filtered,
        revenue_accepted: row.revenue_accepted,
        revenue_rejected: row.revenue_rejected
      }
    );
  }
  await db.run(`DROP TABLE ${checked}`);
  await db.run(`DROP TABLE ${mapped}`);
}

/** Customers or articles from the accepted sales lines: one row per id, the most frequent value of each column. */
async function deriveTable(db: Database, name: "customers" | "articles"): Promise<void> {
  const id = name === "customers" ? "customer_id" : "article_id";
  const available = new Set(
    (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE sales_extra)`)).map((r) => r.name)
  );
  const columns = DERIVED_COLUMNS[name].filter((c) => available.has(c));
  await db.run(
    `INSERT INTO ${name} (${[id, ...columns].join(", ")})
     SELECT ${id}${columns.map((c) => `, mode(${c})`).join("")}
     FROM sales_extra GROUP BY ${id} ORDER BY ${id}`
  );
}

function checkThreshold(dataset: Dataset, report: LoadReport): void {
  const limit = dataset.settings.maxRejectedRevenueShare;
  if (report.rejectedRevenueShare > limit) {
    const file = report.files.find((f) => f.table === "sales_lines")?.file ?? dataset.dir;
    throw new ExtractError({
      file,
      rule: "rejected_revenue_threshold",
      problem: `${(report.rejectedRevenueShare * 100).toFixed(1)} % of the revenue read was rejected, more than the ${(limit * 100).toFixed(1)} % allowed\n${report.summary}`,
      hint: "fix the rejected rows (see the rejects list), or raise settings.maxRejectedRevenueShare in segmentera.json if they are expected"
    });
  }
}

function summarise(report: LoadReport, dataset: Dataset): string {
  const number = new Intl.NumberFormat("sv-SE");
  const money = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const lines = [`Load of ${dataset.name}: rows read = accepted + rejected + filtered, per file`];
  for (const f of report.files) {
    const balanced = f.rows_read === f.rows_accepted + f.rows_rejected + f.rows_filtered ? "✓" : "✗ DOES NOT ADD UP";
    const revenue =
      f.table === "sales_lines"
        ? `; revenue accepted ${money.format(f.revenue_accepted)}, rejected ${money.format(f.revenue_rejected)} ${dataset.settings.currency}`
        : "";
    lines.push(
      `  ${f.table.padEnd(16)} ${f.file}: ${number.format(f.rows_read)} = ${number.format(f.rows_accepted)} + ${number.format(f.rows_rejected)} + ${number.format(f.rows_filtered)} ${balanced}${revenue}`
    );
  }
  for (const note of report.derived) lines.push(`  ${note}`);
  lines.push(
    `  rejected revenue: ${(report.rejectedRevenueShare * 100).toFixed(2)} % (limit ${(dataset.settings.maxRejectedRevenueShare * 100).toFixed(1)} %)`
  );
  return lines.join("\n");
}

async function stagingKey(dataset: Dataset): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(dataset.config));
  for (const file of dataset.files) {
    hash.update(file);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of (await readdir(here)).sort()) hash.update(await readFile(join(here, file)));
  hash.update(await readFile(join(here, "..", "schema.ts")));
  return hash.digest("hex").slice(0, 16);
}
