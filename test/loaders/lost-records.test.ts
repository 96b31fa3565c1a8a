/**
 * Issue 14: records DuckDB's CSV reader merges or drops must never vanish behind a reconciliation that says ✓.
 * Each file is written here; the expected counts come from the test's own RFC 4180 parse (test/support/csv.ts),
 * not from the loader.
 */
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {openDatabase} from "../../loaders/duckdb.js";
import {scanFile} from "../../loaders/extract/records.js";
import {ExtractError, load, readDataset, stage, type LoadReport} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {parseCsv} from "../support/csv.js";

const HEADER = "invoice_id,invoice_date,customer_id,article_id,quantity,net_amount,sales_rep";
const lineAt = (n: number) => `F${n},2024-03-01,K${n % 50},A${n % 7},2,${(n % 90) + 10}.50,Anna`;

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
  dir = undefined;
});

/** A dataset whose sales_lines file has the header on line 1 and `lines(n)` on line n (2..last). */
async function writeDataset(last: number, edit: (n: number, line: string) => string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "segmentera-lost-"));
  const lines = [HEADER];
  for (let n = 2; n <= last; n++) lines.push(edit(n, lineAt(n)));
  await writeFile(join(dir, "lines.csv"), lines.join("\n") + "\n");
  await writeFile(join(dir, "segmentera.json"), JSON.stringify({tables: {sales_lines: {file: "lines.csv"}}}));
  return dir;
}

async function loadDir(path: string) {
  const db = await openDatabase();
  try {
    const report = await load(db, await readDataset(path), silentLogger);
    const rejects = await db.query<{line: number; rule: string; physical_lines: number; message: string}>(
      "SELECT line::INTEGER AS line, rule, physical_lines::INTEGER AS physical_lines, message FROM rejects ORDER BY line"
    );
    const [{longest}] = await db.query<{longest: number}>(
      "SELECT coalesce(max(length(sales_rep)), 0)::INTEGER AS longest FROM sales_lines"
    );
    return {report, rejects, longest};
  } finally {
    db.close();
  }
}

async function independentRecords(path: string): Promise<number> {
  return parseCsv(await readFile(join(path, "lines.csv"), "utf8")).length - 1;
}

function counts(report: LoadReport) {
  const f = report.files[0];
  return {read: f.rows_read, accepted: f.rows_accepted, rejected: f.rows_rejected, filtered: f.rows_filtered};
}

async function stageError(path: string): Promise<ExtractError> {
  const cacheDir = join(path, ".cache");
  try {
    await stage(await readDataset(path), {cacheDir, log: silentLogger});
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error("the load did not stop");
}

describe("a stray quote that is never closed (issue 14)", () => {
  it("is a structural reject naming the line range, and stops the load on the unknown revenue", async () => {
    const path = await writeDataset(20_000, (n, line) => (n === 100 ? line.replace(",K", ',"K') : line));
    const records = await independentRecords(path);
    expect(records).toBe(99); // 98 whole lines, then one record from line 100 to the end
    const {report, rejects} = await loadDir(path);
    expect(counts(report)).toEqual({read: records, accepted: 98, rejected: 1, filtered: 0});
    expect(rejects).toMatchObject([{line: 100, rule: "malformed_line", physical_lines: 19_901}]);
    expect(rejects[0].message).toContain("lines 100–20000");
    expect(report.files[0].lines_unknown_amount).toBe(19_901);
    const error = await stageError(path);
    expect(error.rule).toBe("rejected_revenue_threshold");
    expect(error.message).toContain("lines 100–20000");
    expect(error.message).toMatch(/rejects-[0-9a-f]+\.csv/);
  });
});

describe("a stray quote closed 50 lines later (issue 14)", () => {
  it("quarantines the record that swallowed the lines instead of publishing it as one value", async () => {
    const path = await writeDataset(2_000, (n, line) =>
      n === 100 ? line.replace(",Anna", ',"Anna') : n === 150 ? `${line}"` : line
    );
    const records = await independentRecords(path);
    expect(records).toBe(1_949);
    const {report, rejects, longest} = await loadDir(path);
    expect(counts(report)).toEqual({read: records, accepted: 1_948, rejected: 1, filtered: 0});
    expect(rejects).toMatchObject([{line: 100, rule: "malformed_line", physical_lines: 51}]);
    expect(rejects[0].message).toContain("line 150");
    expect(longest).toBe(4);
  });
});

describe("a last record cut inside a quoted value (issue 14)", () => {
  it("is counted and rejected, not lost", async () => {
    const path = await writeDataset(23, (n, line) => line);
    const file = join(path, "lines.csv");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.trimEnd() + ',"An');
    const records = await independentRecords(path);
    expect(records).toBe(22);
    const {report, rejects} = await loadDir(path);
    expect(counts(report)).toEqual({read: 22, accepted: 21, rejected: 1, filtered: 0});
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([[23, "malformed_line"]]);
  });
});

describe("a third of the lines malformed by an unquoted comma (issue 14)", () => {
  it("counts their unknown amounts and stops the load", async () => {
    const path = await writeDataset(3_001, (n, line) => (n % 3 === 0 ? line.replace(",K", ",Berg, K") : line));
    const {report} = await loadDir(path);
    expect(counts(report)).toEqual({read: 3_000, accepted: 2_000, rejected: 1_000, filtered: 0});
    expect(report.files[0].lines_unknown_amount).toBe(1_000);
    expect(report.unknownAmountLineShare).toBeCloseTo(1 / 3, 10);
    const error = await stageError(path);
    expect(error.message).toContain("malformed_line: 1");
    expect(error.message).toContain("lines of unknown amount");
  });
});

describe("a file large enough for DuckDB to read in parallel (issue 12)", () => {
  it("names the exact line of every reject, malformed or breaking a rule, wherever the threads split the file", async () => {
    const last = 700_001;
    const malformed = (n: number) => n % 9_973 === 0;
    const zero = (n: number) => !malformed(n) && n % 7_919 === 0;
    const path = await writeDataset(last, (n, line) =>
      malformed(n) ? line.replace(",K", ",Berg, K") : zero(n) ? line.replace(",2,", ",0,") : line
    );
    const expected: {line: number; rule: string}[] = [];
    for (let n = 2; n <= last; n++) {
      if (malformed(n)) expected.push({line: n, rule: "malformed_line"});
      else if (zero(n)) expected.push({line: n, rule: "zero_quantity"});
    }
    const {report, rejects} = await loadDir(path);
    expect(rejects.map(({line, rule}) => ({line, rule}))).toEqual(expected);
    expect(counts(report)).toEqual({
      read: last - 1,
      accepted: last - 1 - expected.length,
      rejected: expected.length,
      filtered: 0
    });
  });
});

describe("malformed lines of files read in parallel, counted by the read that writes the rows (issue 12)", () => {
  const malformed = (n: number) => n % 10 === 0;
  const edit = (n: number, line: string) => (malformed(n) ? line.replace(",K", ",Berg, K") : line);

  it("are settled by the mapping's own count when a column is the mapping's SQL", async () => {
    const path = await writeDataset(41, edit);
    const config = {tables: {sales_lines: {file: "lines.csv", columns: {sales_rep: {sql: "upper(sales_rep)"}}}}};
    await writeFile(join(path, "segmentera.json"), JSON.stringify(config));
    const {report, rejects} = await loadDir(path);
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([10, 20, 30, 40].map((n) => [n, "malformed_line"]));
    expect(counts(report)).toEqual({read: 40, accepted: 36, rejected: 4, filtered: 0});
  });

  it("are settled file by file when a table has two files", async () => {
    const path = await writeDataset(31, edit);
    // the second file: lines 2–21 of another month, its malformed lines 10 and 20 of its own
    const second = [HEADER];
    for (let n = 2; n <= 21; n++) second.push(edit(n, lineAt(n).replace("2024-03-01", "2024-04-01")));
    await writeFile(join(path, "lines-2.csv"), second.join("\n") + "\n");
    await writeFile(join(path, "segmentera.json"), JSON.stringify({tables: {sales_lines: {file: "lines*.csv"}}}));
    const {report, rejects} = await loadDir(path);
    const byFile = report.files.map((f) => ({
      file: f.file.endsWith("lines-2.csv") ? "second" : "first",
      ...counts({...report, files: [f]})
    }));
    expect(byFile.sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      {file: "first", read: 30, accepted: 27, rejected: 3, filtered: 0},
      {file: "second", read: 20, accepted: 18, rejected: 2, filtered: 0}
    ]);
    expect(rejects.map((r) => [r.line, r.rule, r.message.includes("lines-2.csv") ? "second" : "first"]).sort()).toEqual(
      [
        [10, "malformed_line", "first"],
        [20, "malformed_line", "first"],
        [30, "malformed_line", "first"],
        [10, "malformed_line", "second"],
        [20, "malformed_line", "second"]
      ].sort()
    );
  });
});

describe("a line longer than DuckDB's reader reads (2 MB)", () => {
  it("is a malformed line that says so, and the lines after it keep their numbers", async () => {
    const path = await writeDataset(31, (n, line) =>
      n === 17 ? line.replace("Anna", "A".repeat(2_100_000)) : n === 25 ? line.replace(",2,", ",0,") : line
    );
    const {report, rejects} = await loadDir(path);
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([
      [17, "malformed_line"],
      [25, "zero_quantity"]
    ]);
    expect(rejects[0].message).toContain("the line is too long to read");
    expect(counts(report)).toEqual({read: 30, accepted: 28, rejected: 2, filtered: 0});
  });
});

describe("scanFile", () => {
  it("counts like an RFC 4180 parser on quoted line breaks, doubled quotes, CR, CRLF and empty lines", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-count-"));
    const file = join(dir, "x.csv");
    await writeFile(file, 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"""\r3,z\n\n4,q"q\n');
    expect(await scanFile(file, {delimiter: ","})).toEqual({
      records: 4,
      lines: 7,
      utf8: true,
      mixedLineEndings: true,
      multiline: true
    });
    await writeFile(file, 'a,b\n1,"never closed\n2,x\n');
    expect(await scanFile(file, {delimiter: ","})).toEqual({
      records: 1,
      lines: 2,
      unterminated: {startLine: 2, endLine: 3},
      utf8: true,
      mixedLineEndings: false,
      multiline: false
    });
  });

  it("counts a large file the same on the fast path (no quotes: native line search) as byte by byte", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-count-"));
    const file = join(dir, "big.csv");
    // 200 000 records over many 64 kB chunks: CRLF, empty lines, a line of spaces, one quoted value late on
    const rows = Array.from({length: 200_000}, (_, i) => (i % 1000 === 7 ? "\r\n  " : `${i},x${i % 13}`));
    rows[150_000] = '150000,"a ""quoted"" value"';
    await writeFile(file, `id,v\r\n${rows.join("\r\n")}\r\n`);
    // 200 records are an empty line followed by a line of spaces: 200 more lines, 200 of them not records
    expect(await scanFile(file, {delimiter: ","})).toEqual({
      records: 200_000,
      lines: 200_200,
      utf8: true,
      mixedLineEndings: false,
      multiline: false
    });
  });

  it("tells UTF-8 from Windows-1252 even when a character is split between two chunks", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-count-"));
    const file = join(dir, "u.csv");
    const line = "1,Åsa Öberg\n";
    await writeFile(file, "id,name\n" + line.repeat(20_000)); // "Å" and "Ö" straddle chunk ends somewhere
    expect((await scanFile(file, {delimiter: ","})).utf8).toBe(true);
    await writeFile(file, Buffer.concat([Buffer.from("id,name\n" + line.repeat(20_000)), Buffer.from([0xc5, 0x0a])]));
    expect((await scanFile(file, {delimiter: ","})).utf8).toBe(false);
  });
});
