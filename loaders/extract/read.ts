/**
 * Read one extract file, as text, into a DuckDB table or view with its physical line numbers: CSV (comma,
 * semicolon, tab or pipe; quoted fields; UTF-8 with or without BOM, or Windows-1252 transcoded first) or Parquet.
 * Every value stays VARCHAR here; typing and validation happen in ./validate.ts, so nothing is lost to a cast.
 * Lines DuckDB cannot split into the header's columns (too few or too many fields, unterminated quotes) are
 * returned as structural rejects with their line numbers.
 *
 * A plain CSV file (UTF-8, one line-ending style, no line break inside a value) can be read with its line
 * numbers deferred (`deferLines`): a view over DuckDB's parallel reader, copied nowhere, whose rows come in file
 * order whenever insertion order is kept. Its __line is NULL: checkRows (./validate.ts) numbers the rows it
 * rejects by their position once they are written, so that the file is scanned in parallel, not numbered by
 * a single thread. Such a view's rows and structural rejects are counted by its first whole read, which writes
 * the rows (see RawFile.counting), not by a scan of their own.
 */
import {createReadStream, createWriteStream} from "node:fs";
import {open, mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {extname, join} from "node:path";
import {Readable, Writable} from "node:stream";
import type {Database} from "../duckdb.js";
import {quoteIdent, quoteLiteral} from "../duckdb.js";
import type {CsvOptions} from "./dataset.js";
import {displayPath} from "./dataset.js";
import {ExtractError} from "./errors.js";
import {scanFile} from "./records.js";

export interface StructuralReject {
  line: number;
  column: string | null;
  value: string;
  message: string;
  /** Physical lines the reject spans (1 unless a quote swallowed or cut off lines). */
  lines: number;
  /** The whole line as read, when it is one line (value holds at most its first 200 characters). */
  text?: string;
}

export interface RawFile {
  /** DuckDB table or view holding the rows: the source columns (VARCHAR) and __line. Drop it with dropRaw. */
  table: string;
  kind: "table" | "view" | "reader";
  /**
   * Set when __line is NULL (a "reader" view): the lines of the structural rejects, which push the rows after
   * them down (record k is on line k + 1 plus the rejects before it).
   */
  deferredLines?: number[];
  columns: string[];
  rows: number;
  rejects: StructuralReject[];
  /**
   * Set on a "reader" view until it has been read whole (rows is 0 and rejects empty until then). `begin` right
   * before that read makes the view store DuckDB's structural rejects (store_rejects; other reads, such as the
   * head the formats are guessed from, skip them); `settle`, right after it, with the rows it returned, takes
   * them and, only when there are any, their exact lines from a single-threaded scan of this file; it sets rows,
   * rejects and deferredLines, checks them against the records, and unsets `counting`.
   * @throws ExtractError records_lost (settle)
   */
  counting?: {begin: () => Promise<void>; settle: (rowsRead: number) => Promise<void>};
  /** Records (and physical lines) in the file, counted independently of DuckDB: rows + rejects equal them. */
  records: number;
  lines: number;
  encoding: string;
  delimiter?: string;
}

/**
 * Read a CSV or Parquet file into `table`; with `deferLines`, a plain CSV file only into a view (see above).
 * @throws ExtractError when the file can't be read at all.
 */
export async function readRaw(
  db: Database,
  file: string,
  table: string,
  csv: CsvOptions = {},
  {deferLines = false} = {}
): Promise<RawFile> {
  return inFileOrder(db, () =>
    extname(file).toLowerCase() === ".parquet"
      ? readParquet(db, file, table)
      : readCsv(db, file, table, csv, deferLines)
  );
}

/**
 * Run `work` with DuckDB keeping rows in the order they are read, whatever the load otherwise allows: rows are
 * numbered as read (`row_number() OVER ()`), or inserted in file order, so that their position is their line.
 */
export async function inFileOrder<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const [{before}] = await db.query<{before: boolean}>(
    "SELECT current_setting('preserve_insertion_order')::BOOLEAN AS before"
  );
  await db.run("SET preserve_insertion_order = true");
  try {
    return await work();
  } finally {
    await db.run(`SET preserve_insertion_order = ${before}`);
  }
}

async function readParquet(db: Database, file: string, table: string): Promise<RawFile> {
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${table}_typed AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
  } catch (error) {
    throw new ExtractError({
      file: displayPath(file),
      rule: "file_unreadable",
      problem: `it is not a readable Parquet file (${firstLine(error)})`,
      hint: "export it again, or as CSV"
    });
  }
  const columns = (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${table}_typed)`)).map(
    (c) => c.name
  );
  const select = columns.map((c) => `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`).join(", ");
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${select}, row_number() OVER () AS __line FROM ${table}_typed`
  );
  await db.run(`DROP TABLE ${table}_typed`);
  const [{rows}] = await db.query<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM ${table}`);
  // Parquet records are counted by the file's own metadata, not by the scan.
  const [{records}] = await db.query<{records: number}>(
    `SELECT coalesce(sum(num_rows), 0)::BIGINT AS records FROM parquet_file_metadata(${quoteLiteral(file)})`
  );
  if (records !== rows) throw recordsLost(file, records, rows);
  return {table, kind: "table", columns, rows, rejects: [], records, lines: records, encoding: "parquet"};
}

async function readCsv(
  db: Database,
  file: string,
  table: string,
  csv: CsvOptions,
  deferLines: boolean
): Promise<RawFile> {
  const head = await readHead(file);
  if (head.length === 0 || head.toString("utf8").trim() === "") {
    throw new ExtractError({
      file: displayPath(file),
      rule: "no_rows",
      problem: "the file is empty",
      hint: "export it again with a header row and data"
    });
  }
  // The delimiter is ASCII in either encoding: the head read byte for byte finds it.
  const delimiter = csv.delimiter ?? detectDelimiter(firstTextLine(head.toString("latin1")));
  const scan = await scanFile(file, {delimiter});
  const encoding = csv.encoding && csv.encoding !== "auto" ? csv.encoding : scan.utf8 ? "utf-8" : "windows-1252";
  let source = file;
  let temporaryDir: string | undefined;
  try {
    // DuckDB reads one line-ending style per file: transcode to UTF-8 with \n endings when needed.
    if (encoding !== "utf-8" || scan.mixedLineEndings) {
      temporaryDir = await mkdtemp(join(tmpdir(), "segmentera-"));
      source = join(temporaryDir, "utf8.csv");
      await transcode(file, source, encoding === "utf-8" ? "utf-8" : "windows-1252", scan.mixedLineEndings);
    }
    const header = splitFields(firstTextLine((await readHead(source)).toString("utf8")), delimiter);
    if (header.some((name) => name === "")) {
      const position = header.indexOf("") + 1;
      throw new ExtractError({
        file: displayPath(file),
        line: 1,
        rule: "bad_header",
        problem: `header column ${position} has no name`,
        hint: "give every column a name in the header row"
      });
    }
    const duplicate = header.find((name, i) => header.indexOf(name) !== i);
    if (duplicate) {
      throw new ExtractError({
        file: displayPath(file),
        line: 1,
        column: duplicate,
        rule: "bad_header",
        problem: "the header names this column twice",
        hint: "rename one of the columns"
      });
    }
    const columns = `{${header.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(", ")}}`;
    const reader = (options: string) =>
      `read_csv(${quoteLiteral(source)}, header = true, auto_detect = false, delim = ${quoteLiteral(delimiter)},
                quote = '"', escape = '"', columns = ${columns}, ${options})`;
    // One reject per line, even when DuckDB reports several errors on it.
    const readRejects = () =>
      db.query<{line: number; column_name: string | null; csv_line: string; error_message: string; too_long: boolean}>(
        `SELECT line::BIGINT AS line, first(column_name ORDER BY column_idx) AS column_name, first(csv_line) AS csv_line,
                first(error_message ORDER BY column_idx) AS error_message,
                bool_or(error_type = 'LINE SIZE OVER MAXIMUM') AS too_long
         FROM reject_errors GROUP BY line ORDER BY line`
      );
    await clearReaderRejects(db);
    if (deferLines && source === file && !scan.multiline && !scan.unterminated && scan.lines === scan.records) {
      const view = (options: string) =>
        db.run(`CREATE OR REPLACE TEMP VIEW ${table} AS SELECT *, NULL::BIGINT AS __line FROM ${reader(options)}`);
      await view("ignore_errors = true");
      const raw: RawFile = {
        table,
        kind: "reader",
        deferredLines: [],
        columns: header,
        rows: 0,
        records: scan.records,
        lines: scan.lines,
        encoding,
        delimiter,
        rejects: []
      };
      raw.counting = {
        begin: async () => {
          await clearReaderRejects(db);
          await view("store_rejects = true");
        },
        settle: async (rows) => {
          await view("ignore_errors = true");
          // The parallel read found the rejects; their lines are taken from a single-threaded scan, which numbers
          // lines exactly, only when there are any.
          let found = await readRejects();
          if (found.length) {
            await clearReaderRejects(db);
            await db.query(`SELECT count(*) FROM ${reader("store_rejects = true, parallel = false")}`);
            found = await readRejects();
          }
          const rejects = found.map((r) => structuralReject(r, header.length));
          if (rows + rejects.length !== scan.records) throw recordsLost(file, scan.records, rows + rejects.length);
          Object.assign(raw, {rows, rejects, deferredLines: rejects.map((r) => r.line), counting: undefined});
        }
      };
      return raw;
    }
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${table}_records AS
       SELECT *, row_number() OVER () AS __record FROM ${reader("store_rejects = true, parallel = false")}`
    );
    const structural = await readRejects();
    // Physical line of each record. Without a rejected line or a line break inside a value, record k is on
    // line k + 1: a view says so, and the file's rows are not copied. Otherwise the k-th line from 2 that is not
    // a rejected line, or, when a quoted value holds line breaks, the breaks counted record by record.
    const rejectedLines = [...new Set(structural.map((r) => r.line))];
    let kind: RawFile["kind"] = "table";
    if (!scan.multiline && rejectedLines.length === 0) {
      kind = "view";
      await db.run(
        `CREATE OR REPLACE TEMP VIEW ${table} AS SELECT * EXCLUDE (__record), __record + 1 AS __line FROM ${table}_records`
      );
    } else if (!scan.multiline) {
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS
         WITH lines AS (
           SELECT line, row_number() OVER (ORDER BY line) AS k
           FROM range(2, (SELECT count(*) FROM ${table}_records) + ${rejectedLines.length} + 2) AS t(line)
           WHERE line NOT IN (SELECT unnest($rejected::BIGINT[]))
         )
         SELECT r.* EXCLUDE (__record), l.line AS __line
         FROM ${table}_records AS r JOIN lines AS l ON l.k = r.__record
         ORDER BY __line`,
        {rejected: JSON.stringify(rejectedLines)}
      );
    } else {
      const breaks = header
        .map(
          (h) => `length(coalesce(${quoteIdent(h)}, '')) - length(replace(coalesce(${quoteIdent(h)}, ''), chr(10), ''))`
        )
        .join(" + ");
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS
         SELECT * EXCLUDE (__record, __breaks),
                -- line breaks inside quoted values push later records down (structural rejects are not
                -- counted in this rare case, so lines after one may be off by the rejects before them)
                1 + __record + coalesce(sum(__breaks) OVER (ORDER BY __record ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS __line
         FROM (SELECT *, ${breaks} AS __breaks FROM ${table}_records)`
      );
    }
    if (kind === "table") await db.run(`DROP TABLE ${table}_records`);
    const rejects = structural.map((r) => structuralReject(r, header.length));
    if (scan.multiline) rejects.push(...(await quarantineSwallowed(db, table, header, delimiter)));
    if (scan.unterminated) {
      // DuckDB drops a record whose quote never closes without a reject: it is counted here instead.
      const {startLine, endLine} = scan.unterminated;
      rejects.push({
        line: startLine,
        column: null,
        value: "",
        message: `a quoted value opened on line ${startLine} is never closed, so lines ${startLine}–${endLine} (${endLine - startLine + 1} lines) cannot be read; check for a stray " on line ${startLine}`,
        lines: endLine - startLine + 1
      });
    }
    const [{rows}] = await db.query<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM ${table}`);
    if (rows + rejects.length !== scan.records) throw recordsLost(file, scan.records, rows + rejects.length);
    rejects.sort((a, b) => a.line - b.line);
    return {table, kind, columns: header, rows, records: scan.records, lines: scan.lines, encoding, delimiter, rejects};
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError({
      file: displayPath(file),
      rule: "file_unreadable",
      problem: `it could not be read as CSV (${firstLine(error)})`,
      hint: 'check the delimiter and quoting, or set them under "csv" in segmentera.json'
    });
  } finally {
    if (temporaryDir) await rm(temporaryDir, {recursive: true, force: true});
  }
}

/** Empty DuckDB's reject tables, which every read with store_rejects adds to. */
async function clearReaderRejects(db: Database): Promise<void> {
  await db.run("DROP TABLE IF EXISTS reject_errors");
  await db.run("DROP TABLE IF EXISTS reject_scans");
}

/** A line DuckDB could not split, as reported in its reject_errors table. */
function structuralReject(
  r: {line: number; column_name: string | null; csv_line: string; error_message: string; too_long: boolean},
  columns: number
): StructuralReject {
  const text = (r.csv_line ?? "").replace(/\r?\n$/, "");
  const detail = r.error_message.replace(/\.$/, "");
  return {
    line: r.line,
    column: r.column_name,
    value: text.slice(0, 200),
    message: r.too_long
      ? `the line is too long to read (${detail}); check the line for a runaway value, or export it again`
      : `the line does not split into the header's ${columns} columns (${detail})`,
    lines: 1,
    text
  };
}

/**
 * Move rows whose quoted value swallowed whole records into the rejects: a stray quote that closes lines later
 * makes one record of everything in between. A value is taken as swallowing when a line inside it holds at least
 * as many delimiters as a record has (a multi-line note rarely does).
 */
async function quarantineSwallowed(
  db: Database,
  table: string,
  header: string[],
  delimiter: string
): Promise<StructuralReject[]> {
  const d = delimiter.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  const pattern = `\\n([^\\n${d}]*${d}){${header.length - 1}}`;
  const values = header.map((h) => `coalesce(${quoteIdent(h)}, '')`).join(` || chr(10) || `);
  const swallowing = `regexp_matches(${values}, ${quoteLiteral(pattern)})`;
  const found = await db.query<{line: number; breaks: number; text: string}>(
    `SELECT __line::BIGINT AS line,
            (length(${values}) - length(replace(${values}, chr(10), '')) - ${header.length - 1})::BIGINT AS breaks,
            left(${header.map((h) => `coalesce(${quoteIdent(h)}, '')`).join(` || ${quoteLiteral(delimiter)} || `)}, 200) AS text
     FROM ${table} WHERE ${swallowing} ORDER BY __line`
  );
  if (!found.length) return [];
  await db.run(`DELETE FROM ${table} WHERE ${swallowing}`);
  return found.map(({line, breaks, text}) => ({
    line,
    column: null,
    value: text,
    message: `a quote opened on line ${line} closes only on line ${line + breaks}, so the ${breaks + 1} lines in between, which look like records, were read as one value; check for a stray " on line ${line}`,
    lines: breaks + 1
  }));
}

/** Drop a file's rows once they are mapped. */
export async function dropRaw(db: Database, raw: RawFile): Promise<void> {
  if (raw.kind === "reader") await db.run(`DROP VIEW ${raw.table}`);
  else if (raw.kind === "view") {
    await db.run(`DROP VIEW ${raw.table}`);
    await db.run(`DROP TABLE ${raw.table}_records`);
  } else await db.run(`DROP TABLE ${raw.table}`);
}

function recordsLost(file: string, records: number, read: number): ExtractError {
  return new ExtractError({
    file: displayPath(file),
    rule: "records_lost",
    problem: `the file holds ${records.toLocaleString("en-US")} records but the reader returned ${read.toLocaleString("en-US")} (rows and rejects), so ${Math.abs(records - read).toLocaleString("en-US")} would be ${records > read ? "lost" : "invented"} without a trace`,
    hint: "check the file's quoting (a stray quote, an unterminated quoted value) and its delimiter, or export it again"
  });
}

async function transcode(from: string, to: string, encoding: string, normaliseLineEndings: boolean): Promise<void> {
  const input = Readable.toWeb(createReadStream(from)) as ReadableStream<Uint8Array>;
  const output = Writable.toWeb(createWriteStream(to));
  let pendingCr = false;
  const lineEndings = new TransformStream<string, string>({
    transform(text, controller) {
      if (!normaliseLineEndings) return controller.enqueue(text);
      let out = (pendingCr ? "\r" : "") + text;
      pendingCr = out.endsWith("\r");
      if (pendingCr) out = out.slice(0, -1);
      controller.enqueue(out.replace(/\r\n?/g, "\n"));
    },
    flush(controller) {
      if (pendingCr) controller.enqueue("\n");
    }
  });
  await input
    .pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(lineEndings)
    .pipeThrough(new TextEncoderStream())
    .pipeTo(output);
}

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t", "|"]) {
    const count = splitFields(headerLine, candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** Split one line into its fields (quote-aware), as for the header. */
export function splitFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') ((field += '"'), i++);
      else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      fields.push(field.trim());
      field = "";
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

async function readHead(file: string, bytes = 65536): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const {bytesRead} = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function firstTextLine(text: string): string {
  return text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)[0];
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
