/**
 * Stage a dataset: read every extract through DuckDB into a staging database holding the canonical tables
 * (accepted rows only), the rejects (file, line, column, value, rule) and the reconciliation per file.
 * The staging database is cached by the extracts' content, the mapping and this code: an unchanged extract
 * is not read again.
 */
import {createHash} from "node:crypto";
import {createReadStream, existsSync} from "node:fs";
import {mkdir, readdir, readFile, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {toCsv} from "../../src/components/csv.js";
import {buildDatabase} from "../cache.js";
import {openDatabase, quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import type {Logger} from "../log.js";
import {createTableSql, MAX_AMOUNT, MAX_AMOUNT_TEXT, TABLE_ORDER, TABLES, type TableName} from "../schema.js";
import {displayPath, readDataset, type Dataset, type TableConfig} from "./dataset.js";
import {ExtractError} from "./errors.js";
import {joinClause, readJoinedFile, type JoinedFile} from "./join.js";
import {dropRaw, inFileOrder, readRaw, splitFields} from "./read.js";
import {insertStructuralRejects} from "./rejects.js";
import {
  checkRows,
  type ColumnFormats,
  COST_OF_GOODS_SQL,
  finishRows,
  type MappedPart,
  DERIVED_COLUMNS,
  mapColumns,
  RULE_MESSAGES,
  type DateWindow,
  type Reading,
  type ReadingPlan,
  speculateReading
} from "./validate.js";
import type {Settings} from "../settings.js";

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
  lines_read: number;
  lines_unknown_amount: number;
}

export interface LoadReport {
  dataset: string;
  files: LoadFileReport[];
  rejects: number;
  rejectedRevenueShare: number;
  /** Share of the sales lines read that were rejected with no readable amount (their revenue is unknown). */
  unknownAmountLineShare: number;
  derived: string[];
  /** How the load read what could be read two ways (e.g. a discount as a fraction), for the summary. */
  notes: string[];
  /** The latest event date accepted (the as-of date): a reused load with future_date rejects must be as of today. */
  latestDate: string;
  /** Rejects counted by file and rule, for the message of a stopped load. */
  rejectsByRule: {file: string; rule: string; rows: number; lines: number; revenue: number; unknown_lines: number}[];
  /** The first rejected lines (their messages), for the same message. */
  firstRejects: {message: string}[];
  summary: string;
}

/** The rejects table: one row per rejected record (file, line, column, value, rule). */
export const REJECTS_SQL = `CREATE TABLE rejects (
  table_name VARCHAR,
  file VARCHAR,
  line BIGINT,
  column_name VARCHAR,
  value VARCHAR,
  rule VARCHAR,
  message VARCHAR,
  net_amount DECIMAL(18,4),
  -- physical lines the reject covers: more than 1 when a stray quote swallowed or cut off lines
  physical_lines BIGINT
)`;

const LOAD_FILES_SQL = `CREATE TABLE load_files (
  "table" VARCHAR,
  file VARCHAR,
  rows_read BIGINT,
  rows_accepted BIGINT,
  rows_rejected BIGINT,
  rows_filtered BIGINT,
  revenue_read DECIMAL(18,4),
  revenue_accepted DECIMAL(18,4),
  revenue_rejected DECIMAL(18,4),
  lines_read BIGINT,
  -- rejected lines whose amount could not be read (malformed lines): revenue the guard cannot see
  lines_unknown_amount BIGINT
)`;

/**
 * Build (or reuse) the staging database for a dataset.
 * @throws ExtractError for fatal problems and when rejected revenue exceeds settings.maxRejectedRevenueShare
 */
export async function stage(
  dataset: Dataset,
  {cacheDir, log}: {cacheDir: string; log: Logger}
): Promise<{path: string; report: LoadReport; cached: boolean}> {
  await mkdir(cacheDir, {recursive: true});
  const key = await stagingKey(dataset);
  const path = join(cacheDir, `staging-${key}.duckdb`);
  const rejectsCsv = join(cacheDir, `rejects-${key}.csv`);
  if (existsSync(path)) {
    const db = await openDatabase(path, {readOnly: true});
    try {
      const [{report}] = await db.query<{report: string}>("SELECT report FROM load_meta");
      const parsed = JSON.parse(report) as LoadReport;
      // Rows rejected as future on an earlier day may be in the past today: load again.
      const future = parsed.rejectsByRule.some((r) => r.rule === "future_date");
      if (!future || parsed.latestDate === dateWindow(dataset).latest) {
        if (exceedsThreshold(dataset, parsed)) await writeRejectsCsv(db, rejectsCsv);
        checkThreshold(dataset, parsed, rejectsCsv);
        return {path, report: parsed, cached: true};
      }
    } finally {
      db.close();
    }
  }
  const report = await buildDatabase(path, async (db) => {
    const loaded = await load(db, dataset, log);
    await db.run("CREATE TABLE load_meta (report VARCHAR)");
    await db.run("INSERT INTO load_meta VALUES ($report)", {report: JSON.stringify(loaded)});
    if (exceedsThreshold(dataset, loaded)) await writeRejectsCsv(db, rejectsCsv);
    return loaded;
  });
  checkThreshold(dataset, report, rejectsCsv);
  return {path, report, cached: false};
}

function exceedsThreshold(dataset: Dataset, report: LoadReport): boolean {
  const limit = dataset.settings.maxRejectedRevenueShare;
  return report.rejectedRevenueShare > limit || report.unknownAmountLineShare > limit;
}

/** All rejects, with the raw values (this file stays on the user's machine, in the cache folder). */
async function writeRejectsCsv(db: Database, path: string): Promise<void> {
  const rows = await db.query(
    `SELECT table_name, file, line, column_name, value, rule, message, net_amount::VARCHAR AS net_amount, physical_lines
     FROM rejects ORDER BY file, line`
  );
  await writeFile(path, toCsv(rows));
}

/** The event dates a load accepts (settings, or the day of the load as the as-of date). */
function dateWindow(dataset: Dataset): DateWindow {
  const {asOf, earliestDate, dateMarginYears} = dataset.settings;
  return {latest: asOf ?? new Date().toISOString().slice(0, 10), earliest: earliestDate, marginYears: dateMarginYears};
}

/** Load every configured table into `db` (which gets the canonical tables, rejects and load_files). */
export async function load(db: Database, dataset: Dataset, log: Logger): Promise<LoadReport> {
  // Rows need not stay in the order DuckDB reads them (less memory and time at scale): the reads that number
  // lines keep it (inFileOrder), and every other order that matters is an ORDER BY.
  await db.run("SET preserve_insertion_order = false");
  for (const name of TABLE_ORDER) await db.run(createTableSql(TABLES[name]));
  await db.run(REJECTS_SQL);
  await db.run(LOAD_FILES_SQL);
  const configured = dataset.config.tables;
  const window = dateWindow(dataset);
  const notes: string[] = [];
  for (const name of TABLE_ORDER) {
    const config = configured[name];
    if (!config) continue;
    const read = () =>
      loadTable(
        db,
        name,
        config,
        dataset.tableFiles[name] ?? [],
        dataset.joinFiles[name] ?? [],
        {window, discountAs: dataset.settings.discountAs},
        {
          customers: Boolean(configured.customers),
          articles: Boolean(configured.articles)
        }
      );
    notes.push(...(await log.step(`read ${name}`, read)));
  }
  const derived: string[] = [];
  for (const name of ["customers", "articles"] as const) {
    if (configured[name]) continue;
    await deriveTable(db, name);
    derived.push(`${name} derived from sales_lines`);
  }
  notes.push(...(await completeSalesLines(db)));
  await checkTotalsFit(db, dataset);
  const files = await db.query<LoadFileReport>(
    `SELECT "table", file, rows_read::INTEGER AS rows_read, rows_accepted::INTEGER AS rows_accepted,
            rows_rejected::INTEGER AS rows_rejected, rows_filtered::INTEGER AS rows_filtered,
            revenue_read::DOUBLE AS revenue_read, revenue_accepted::DOUBLE AS revenue_accepted, revenue_rejected::DOUBLE AS revenue_rejected,
            lines_read::BIGINT AS lines_read, lines_unknown_amount::BIGINT AS lines_unknown_amount
     FROM load_files ORDER BY rowid`
  );
  const sales = files.filter((f) => f.table === "sales_lines");
  const revenueRead = sales.reduce((s, f) => s + f.revenue_read, 0);
  const revenueRejected = sales.reduce((s, f) => s + f.revenue_rejected, 0);
  const rejects = files.reduce((s, f) => s + f.rows_rejected, 0);
  const linesRead = sales.reduce((s, f) => s + f.lines_read, 0);
  const linesUnknown = sales.reduce((s, f) => s + f.lines_unknown_amount, 0);
  const report: LoadReport = {
    dataset: dataset.name,
    files,
    rejects,
    rejectedRevenueShare: revenueRead > 0 ? Math.max(0, revenueRejected) / revenueRead : 0,
    unknownAmountLineShare: linesRead > 0 ? linesUnknown / linesRead : 0,
    derived,
    notes,
    latestDate: window.latest,
    rejectsByRule: await db.query(
      `SELECT file, rule, count(*)::BIGINT AS rows, sum(physical_lines)::BIGINT AS lines,
              coalesce(sum(net_amount), 0)::DOUBLE AS revenue,
              coalesce(sum(physical_lines) FILTER (WHERE net_amount IS NULL AND table_name = 'sales_lines'), 0)::BIGINT AS unknown_lines
       FROM rejects GROUP BY ALL ORDER BY rows DESC, file, rule`
    ),
    firstRejects: await db.query(
      `SELECT message FROM rejects ORDER BY table_name = 'sales_lines' DESC, file, line LIMIT 5`
    ),
    summary: ""
  };
  report.summary = summarise(report, dataset);
  return report;
}

/**
 * Load one table: read and map its files, decide how to read their values, check every row, write the accepted
 * rows and the rejects, and reconcile each file (rows read = accepted + rejected + filtered).
 * @returns notes for the load summary
 */
async function loadTable(
  db: Database,
  name: TableName,
  config: TableConfig,
  files: string[],
  joinFiles: string[],
  {window, discountAs}: {window: DateWindow; discountAs: Settings["discountAs"]},
  loaded: {customers: boolean; articles: boolean}
): Promise<string[]> {
  const joins: JoinedFile[] = [];
  for (const [j, join] of (config.join ?? []).entries()) {
    joins.push(await readJoinedFile(db, name, join, joinFiles[j], j));
  }
  const mapping = await mapFiles(db, name, config, files, joins);
  const {plan, speculated} = await readingOf(db, name, config, mapping, {discountAs, window});
  const reading = await checkRows(db, name, mapping.mapped, mapping.parts, plan, speculated, window, loaded);
  await mapping.record();
  await writeRejects(db, name, mapping.present, loaded);
  if (name === "sales_lines") await checkAmountsFit(db);
  await reconcile(db, name, mapping.counts);
  await finishRows(db, name);
  await mapping.release();
  for (const join of joins) await db.run(`DROP TABLE ${join.table}`);
  return readingNotes(plan, reading);
}

/** What a file's reconciliation needs from its reading: records and lines in it, rows the filter left out. */
interface FileCount {
  file: string;
  read: number;
  lines: number;
  filtered: number;
  structural: number;
}

/**
 * Read each file of a table and map its columns onto the canonical ones (views: the rows are not copied), with
 * its structural rejects recorded. `mapped` is the view of all files' mapped rows.
 */
async function mapFiles(
  db: Database,
  name: TableName,
  config: TableConfig,
  files: string[],
  joins: JoinedFile[]
): Promise<{
  mapped: string;
  parts: MappedPart[];
  present: Set<string>;
  counts: FileCount[];
  /** Record each file's count (in counts) and its structural rejects, once checkRows has written its rows. */
  record: () => Promise<void>;
  release: () => Promise<void>;
}> {
  const parts: MappedPart[] = [];
  const counts: FileCount[] = [];
  for (const [i, file] of files.entries()) {
    const shown = displayPath(file);
    // Lines are numbered after the rows are written (deferred) unless a filter or a join reorders them.
    const deferLines = !config.where && joins.length === 0;
    const raw = await readRaw(db, file, `raw_${name}_${i}`, config.csv, {deferLines});
    if (raw.records === 0) {
      throw new ExtractError({
        file: shown,
        rule: "no_rows",
        problem: "the file has a header but no rows",
        hint: "export it again with data, or remove the table from segmentera.json"
      });
    }
    const brought = joins.flatMap((j) => j.columns);
    const clash = brought.find((c) => raw.columns.includes(c));
    if (clash) {
      throw new ExtractError({
        file: shown,
        column: clash,
        rule: "bad_config",
        problem: `the join for ${name} brings column "${clash}", which the file already has`,
        hint: "bring only columns the lines lack (the key is matched, not brought)"
      });
    }
    const columns = mapColumns(name, config, [...raw.columns, ...brought], shown);
    // A view: the file's rows are read once more, by the checks, not copied here.
    const part = `mapped_${name}_${i}`;
    const select = columns.map((c) => `${c.expression} AS ${quoteIdent(c.name)}`).join(", ");
    const {from, missing} = joinClause(raw.table, joins);
    let n: number;
    try {
      await db.run(
        `CREATE OR REPLACE TEMP VIEW ${part} AS
         SELECT ${quoteLiteral(shown)} AS __file, m.__line AS __line, ${joins.length ? `${missing} AS __join_missing, ` : ""}${select}
         FROM ${from}
         ${config.where ? `WHERE (${config.where})` : ""}`
      );
      // counting every mapped value runs the mapping's own SQL on every row, so that it fails here if it fails;
      // without such SQL or a filter, every row read is mapped
      const computed = columns.filter((c) => c.computed).map((c) => `, count(${quoteIdent(c.name)})`);
      if (computed.length || config.where) {
        const counting = raw.counting;
        await counting?.begin();
        n = (await db.query<{n: number}>(`SELECT count(*)::INTEGER AS n${computed.join("")} FROM ${part}`))[0].n;
        // a reader view without a filter: every row read is mapped
        await counting?.settle(n);
      } else n = raw.rows;
    } catch (error) {
      if (error instanceof ExtractError) throw error;
      throw new ExtractError({
        file: shown,
        rule: "bad_config",
        problem: `the mapping's SQL for ${name} fails (${String((error as Error).message).split("\n")[0]})`,
        hint: 'fix the "sql" expression or "where" filter in segmentera.json'
      });
    }
    parts.push({view: part, file: shown, rows: n, raw});
  }
  // once every part's rows are written (checkRows settles a reader view's rows and rejects as it writes them)
  const record = async () => {
    for (const {raw, file, rows} of parts) {
      // rows read is the independent count of records in the file, not what DuckDB returned (read.ts checks both)
      counts.push({
        file,
        read: raw.records,
        lines: raw.lines,
        filtered: raw.rows - rows,
        structural: raw.rejects.length
      });
      const amountAt = name === "sales_lines" ? amountReader(config, raw.columns, raw.delimiter) : undefined;
      await insertStructuralRejects(db, name, file, raw.rejects, amountAt);
    }
  };
  const mapped = `mapped_${name}`;
  await db.run(
    `CREATE OR REPLACE TEMP VIEW ${mapped} AS ${parts.map((p) => `SELECT * FROM ${p.view}`).join(" UNION ALL BY NAME ")}`
  );
  const present = new Set(
    (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${mapped})`)).map((r) => r.name)
  );
  const release = async () => {
    await db.run(`DROP VIEW ${mapped}`);
    for (const part of parts) await db.run(`DROP VIEW ${part.view}`);
    for (const part of parts) await dropRaw(db, part.raw);
  };
  return {mapped, parts, present, counts, record, release};
}

/**
 * What decides how each column's text is read (decimal separator, date formats, a discount given as a fraction)
 * and the earliest plausible event date (see checkRows), and the formats the table's first rows show.
 */
async function readingOf(
  db: Database,
  name: TableName,
  config: TableConfig,
  {mapped, present}: {mapped: string; present: Set<string>},
  {discountAs, window}: {discountAs: Settings["discountAs"]; window: DateWindow}
): Promise<{plan: ReadingPlan; speculated: ColumnFormats}> {
  const spec = TABLES[name];
  const columns = [...spec.columns, ...TABLES.customers.columns, ...TABLES.articles.columns].filter(
    (c, i, all) => present.has(c.name) && all.findIndex((d) => d.name === c.name) === i
  );
  const discount = name === "sales_lines" && present.has("discount_pct");
  const eventDates = spec.columns.filter((c) => c.eventDate && present.has(c.name));
  const plan: ReadingPlan = {
    columns,
    csv: config.csv ?? {},
    questions: {
      fraction: discount && discountAs === "auto" ? spec.columns.find((c) => c.name === "discount_pct") : undefined,
      earliest: window.earliest ? undefined : {columns: eventDates, marginYears: window.marginYears}
    }
  };
  const speculated = await speculateReading(db, mapped, plan);
  if (discount && discountAs === "fraction") speculated.scales.discount_pct = 100;
  return {plan, speculated};
}

/**
 * The load summary's note when settings.discountAs is "auto" and the discount column was found to hold fractions
 * (0.15) rather than percents (15): every value lies between 0 and 1 and some are not whole (0 and 1 alone read as
 * percents).
 */
function readingNotes(plan: ReadingPlan, reading: Reading): string[] {
  return plan.questions.fraction && reading.fraction
    ? [
        `discount_pct read as a fraction (every value is between 0 and 1, some not whole): 0.15 = 15 %; set settings.discountAs to "percent" if they are percents`
      ]
    : [];
}

/**
 * Write the rejected rows of a checked table (checkRows), with a sentence each, into rejects, and keep the
 * accepted sales lines' customer and article columns for the derived tables.
 */
async function writeRejects(
  db: Database,
  name: TableName,
  present: Set<string>,
  loaded: {customers: boolean; articles: boolean}
): Promise<void> {
  const spec = TABLES[name];
  const amount = amountOf(name);
  const messages = Object.entries(RULE_MESSAGES)
    .map(([rule, text]) => `WHEN '${rule}' THEN ${quoteLiteral(text)}`)
    .join(" ");
  await db.run(
    `INSERT INTO rejects
     SELECT ${quoteLiteral(name)}, __file, __line, __column, __value, __rule,
            format('Line {} of {}: {} "{}" {}', __line, __file, __column, coalesce(__value, ''), CASE __rule ${messages} END),
            ${amount}, 1
     FROM ${name} WHERE __rule IS NOT NULL ORDER BY __file, __line`
  );
  if (name === "sales_lines" && !(loaded.customers && loaded.articles)) {
    // in file order, so that the most frequent value's ties go to the value seen first (deriveTable)
    const extras = [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles].filter((c) => present.has(c));
    await inFileOrder(db, () =>
      db.run(
        `CREATE OR REPLACE TEMP TABLE sales_extra AS
         SELECT customer_id, article_id${extras.map((c) => `, ${spec.columns.some((s) => s.name === c) ? c : quoteIdent("x_" + c)} AS ${c}`).join("")}
         FROM ${name} WHERE __rule IS NULL ORDER BY __file, __line, rowid`
      )
    );
  }
}

/** The revenue a row of a table carries (sales lines only). */
function amountOf(name: TableName): string {
  return name === "sales_lines" ? "net_amount" : "NULL::DECIMAL(18,4)";
}

/**
 * One load_files row per file: rows read (counted in the file itself) against rows accepted, rejected (by a
 * rule, or structurally) and filtered, and the revenue of each.
 */
async function reconcile(db: Database, name: TableName, counts: FileCount[]): Promise<void> {
  const amount = amountOf(name);
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
       FROM ${name} WHERE __file = $file`,
      {file: count.file}
    );
    const [structural] = await db.query<{revenue: string; unknown: number}>(
      `SELECT coalesce(sum(net_amount) FILTER (WHERE rule = 'malformed_line'), 0)::VARCHAR AS revenue,
              coalesce(sum(physical_lines) FILTER (WHERE net_amount IS NULL), 0)::BIGINT AS unknown
       FROM rejects WHERE table_name = $table AND file = $file`,
      {table: name, file: count.file}
    );
    await db.run(
      `INSERT INTO load_files VALUES ($table, $file, $read, $accepted, $rejected, $filtered,
         $revenue_accepted::DECIMAL(18,4) + $revenue_rejected::DECIMAL(18,4) + $revenue_structural::DECIMAL(18,4),
         $revenue_accepted::DECIMAL(18,4), $revenue_rejected::DECIMAL(18,4) + $revenue_structural::DECIMAL(18,4),
         $lines, $unknown)`,
      {
        table: name,
        file: count.file,
        read: count.read,
        accepted: row.accepted,
        rejected: row.rejected + count.structural,
        filtered: count.filtered,
        revenue_accepted: row.revenue_accepted,
        revenue_rejected: row.revenue_rejected,
        revenue_structural: name === "sales_lines" ? structural.revenue : "0",
        lines: count.lines,
        unknown: name === "sales_lines" ? structural.unknown : 0
      }
    );
  }
}

/**
 * For a malformed sales line, read its amount where that is still certain: the amount column's field counted
 * from the start and from the end of the line must agree (one extra or missing field elsewhere shifts only one
 * of them) and be a plain number. Otherwise the amount is unknown, and the line counts as unknown revenue.
 */
function amountReader(
  config: TableConfig,
  header: string[],
  delimiter: string | undefined
): ((line: string) => string | null) | undefined {
  const mapped = config.columns?.net_amount;
  if (!delimiter || (mapped !== undefined && typeof mapped !== "string")) return undefined;
  const source = (mapped ?? "net_amount").toLowerCase();
  const position = header.findIndex((h) => h.toLowerCase() === source);
  if (position < 0) return undefined;
  const decimal = config.csv?.decimal;
  const plain = (text: string | undefined): string | null => {
    const value = text?.trim() ?? "";
    if (decimal !== "," && /^[-+]?\d+(\.\d+)?$/.test(value)) return value;
    if (decimal !== "." && /^[-+]?\d+,\d{1,2}$/.test(value)) return value.replace(",", ".");
    return null;
  };
  return (line) => {
    const fields = splitFields(line, delimiter);
    const fromStart = plain(fields[position]);
    const fromEnd = plain(fields[fields.length - (header.length - position)]);
    return fromStart !== null && fromStart === fromEnd ? fromStart : null;
  };
}

/**
 * What every accepted sales line must carry before the engine reads it: its unit cost (the article's when the
 * line has none) and its cost of goods: the ERP's own line cost, else COST_OF_GOODS_SQL (amount − its line
 * margin, else quantity × unit cost), which the load has applied as it wrote the lines and this applies to the
 * rest; NULL when unknown (margins leave the line out; docs/domain.md). A cost of goods too large for the column
 * (a quantity or unit cost off by powers of ten) is unknown too, and named in the returned notes for the load
 * summary.
 */
export async function completeSalesLines(db: Database): Promise<string[]> {
  await db.run(
    `UPDATE sales_lines SET unit_cost = a.unit_cost FROM articles AS a
     WHERE sales_lines.unit_cost IS NULL AND a.article_id = sales_lines.article_id AND a.unit_cost IS NOT NULL`
  );
  // the load has costed the lines with their own unit cost or margin as it wrote them; these are the rest (and
  // lines written some other way, as tests do)
  await db.run(
    `UPDATE sales_lines SET cost_amount = ${COST_OF_GOODS_SQL}
     WHERE cost_amount IS NULL AND (margin_amount IS NOT NULL OR unit_cost IS NOT NULL)`
  );
  // the lines left without a cost though they have a margin or a unit cost: those whose cost did not fit
  const [{lines, example}] = await db.query<{lines: number; example: string | null}>(
    `SELECT count(*)::BIGINT AS lines,
            min(${lineName("l")} || CASE WHEN margin_amount IS NOT NULL THEN ', amount ' || net_amount || ' − margin ' || margin_amount
                ELSE ', quantity ' || quantity || ' × unit cost ' || unit_cost END) AS example
     FROM sales_lines AS l WHERE cost_amount IS NULL AND (margin_amount IS NOT NULL OR unit_cost IS NOT NULL)`
  );
  if (!lines) return [];
  return [
    `${lines === 1 ? "1 sales line has" : `${lines} sales lines have`} a cost of goods too large to hold (e.g. ${example}): their cost is unknown and margins leave them out; check their quantity, unit cost or margin`
  ];
}

/** A sales line as a user finds it in the ERP (SQL over the table `alias`): its invoice, customer and article. */
function lineName(alias: string): string {
  return `concat_ws(', ', 'invoice ' || ${alias}.invoice_id, 'customer ' || ${alias}.customer_id, 'article ' || ${alias}.article_id)`;
}

function amountOverflow(file: string, sum: string, largest: string): ExtractError {
  return new ExtractError({
    file,
    rule: "amount_overflow",
    problem: `${sum}, beyond the ${MAX_AMOUNT_TEXT} the warehouse holds; the largest is ${largest}`,
    hint: "check its amount, quantity and costs (a misplaced decimal separator or extra digits)"
  });
}

/**
 * Stop before the reconciliation's sums of the sales lines' amounts (read, accepted, rejected; per file and in
 * all) can overflow: a sum of DECIMAL(18,4) is DECIMAL(38,4), but load_files keeps them in 18 digits. The engine's
 * sums are guarded once the costs are known (checkTotalsFit).
 * @throws ExtractError amount_overflow
 */
async function checkAmountsFit(db: Database): Promise<void> {
  const [row] = await db.query<{total: string}>(
    `SELECT ((SELECT coalesce(sum(abs(net_amount)), 0) FROM sales_lines)
           + (SELECT coalesce(sum(abs(net_amount)), 0) FROM rejects WHERE table_name = 'sales_lines'))::VARCHAR AS total`
  );
  if (Number(row.total) < MAX_AMOUNT) return;
  const [largest] = await db.query<{file: string; line: string}>(
    `SELECT __file AS file, ${lineName("l")} || coalesce(' on line ' || __line, '') || ', amount ' || net_amount AS line
     FROM sales_lines AS l ORDER BY abs(net_amount) DESC NULLS LAST LIMIT 1`
  );
  throw amountOverflow(largest.file, `the sales lines' amounts add up to ${row.total}`, `the line of ${largest.line}`);
}

/**
 * Stop before the engine's sums of money can overflow: every revenue, cost of goods and cost to serve it adds up
 * (per customer and period, or in all, and a contribution as their difference) is bounded by the sum of their
 * absolute values: the accepted sales lines' amounts and costs of goods and the cost events' costs.
 * @throws ExtractError amount_overflow, naming the largest line or event
 */
async function checkTotalsFit(db: Database, dataset: Dataset): Promise<void> {
  const [row] = await db.query<{sales: string; events: string; total: string}>(
    `SELECT sales::VARCHAR AS sales, events::VARCHAR AS events, (sales + events)::VARCHAR AS total
     FROM (SELECT (SELECT coalesce(sum(abs(net_amount)), 0) + coalesce(sum(abs(cost_amount)), 0) FROM sales_lines) AS sales,
                  (SELECT coalesce(sum(abs(cost)), 0) FROM cost_events) AS events)`
  );
  if (Number(row.total) < MAX_AMOUNT) return;
  const sum = `the sales lines' amounts and costs of goods${Number(row.events) ? " and the cost events' costs" : ""} add up to ${row.total}`;
  const files = (table: TableName) => (dataset.tableFiles[table] ?? []).map(displayPath).join(", ") || table;
  if (Number(row.events) > Number(row.sales)) {
    const [largest] = await db.query<{event: string}>(
      `SELECT concat_ws(', ', 'customer ' || customer_id, kind || ' on ' || event_date, 'cost ' || cost) AS event
       FROM cost_events ORDER BY abs(cost) DESC NULLS LAST LIMIT 1`
    );
    throw amountOverflow(files("cost_events"), sum, `the cost event of ${largest.event}`);
  }
  const [largest] = await db.query<{line: string}>(
    `SELECT ${lineName("l")} || ', amount ' || net_amount || coalesce(', cost of goods ' || cost_amount, '') AS line
     FROM sales_lines AS l ORDER BY greatest(abs(net_amount), coalesce(abs(cost_amount), 0)) DESC LIMIT 1`
  );
  throw amountOverflow(files("sales_lines"), sum, `the line of ${largest.line}`);
}

/**
 * Customers or articles from the accepted sales lines: one row per id, the most frequent value of each column
 * (of equally frequent values, the one seen first in the files: sales_extra is in file order).
 */
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

/**
 * Stop the load when more sales revenue was rejected than the settings allow, or when as large a share of the
 * sales lines was rejected with an amount that could not be read (their revenue is unknown, so it could be
 * anything). The message breaks the rejects down by file and rule, shows the first rejected lines and names
 * the CSV that holds them all.
 */
function checkThreshold(dataset: Dataset, report: LoadReport, rejectsCsv: string): void {
  if (!exceedsThreshold(dataset, report)) return;
  const limit = dataset.settings.maxRejectedRevenueShare;
  const percent = (share: number) => formatPercent(share, dataset.settings.locale);
  const number = new Intl.NumberFormat(dataset.settings.locale);
  const file = report.files.find((f) => f.table === "sales_lines")?.file ?? dataset.dir;
  const problem =
    report.rejectedRevenueShare > limit
      ? `${percent(report.rejectedRevenueShare)} of the revenue read was rejected, more than the ${percent(limit)} allowed`
      : `${percent(report.unknownAmountLineShare)} of the sales lines read were rejected with an amount that cannot be read, more than the ${percent(limit)} allowed`;
  const lines = [problem, report.summary, "  rejects by file and rule:"];
  for (const r of report.rejectsByRule) {
    lines.push(
      `    ${r.file} ${r.rule}: ${number.format(r.rows)} rows, ${number.format(r.lines)} lines, revenue ${formatMoney(r.revenue, dataset.settings)}${r.unknown_lines ? `, ${number.format(r.unknown_lines)} lines of unknown amount` : ""}`
    );
  }
  lines.push("  first rejected lines:");
  for (const r of report.firstRejects) lines.push(`    ${r.message}`);
  lines.push(`  all rejects: ${displayPath(rejectsCsv)}`);
  throw new ExtractError({
    file,
    rule: "rejected_revenue_threshold",
    problem: lines.join("\n"),
    hint: "fix the rejected rows (see the rejects file), or raise settings.maxRejectedRevenueShare in segmentera.json if they are expected"
  });
}

function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, {style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 2}).format(
    share
  );
}

function formatMoney(amount: number, settings: Dataset["settings"]): string {
  return new Intl.NumberFormat(settings.locale, {
    style: "currency",
    currency: settings.currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2
  }).format(amount);
}

function summarise(report: LoadReport, dataset: Dataset): string {
  const number = new Intl.NumberFormat(dataset.settings.locale);
  const lines = [`Load of ${dataset.name}: rows read = accepted + rejected + filtered, per file`];
  for (const f of report.files) {
    const balanced = f.rows_read === f.rows_accepted + f.rows_rejected + f.rows_filtered ? "✓" : "✗ DOES NOT ADD UP";
    const revenue =
      f.table === "sales_lines"
        ? `; revenue accepted ${formatMoney(f.revenue_accepted, dataset.settings)}, rejected ${formatMoney(f.revenue_rejected, dataset.settings)}${f.lines_unknown_amount ? `, ${number.format(f.lines_unknown_amount)} rejected lines of unknown amount` : ""}`
        : "";
    lines.push(
      `  ${f.table.padEnd(16)} ${f.file}: ${number.format(f.rows_read)} = ${number.format(f.rows_accepted)} + ${number.format(f.rows_rejected)} + ${number.format(f.rows_filtered)} ${balanced}${revenue}`
    );
  }
  for (const note of [...report.derived, ...report.notes]) lines.push(`  ${note}`);
  lines.push(
    `  rejected revenue: ${formatPercent(report.rejectedRevenueShare, dataset.settings.locale)}; sales lines of unknown amount: ${formatPercent(report.unknownAmountLineShare, dataset.settings.locale)} (limit ${formatPercent(dataset.settings.maxRejectedRevenueShare, dataset.settings.locale)} each)`
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
