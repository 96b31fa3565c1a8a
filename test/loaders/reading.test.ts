/**
 * How values are read is decided from all of a table's values, though the load reads the table with what its first
 * rows show (HEAD_ROWS) and settles the rest from the written rows. These files show one thing in their first rows
 * and decide another further down; the expected rows and rejects are written out by hand from the files below.
 */
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {openDatabase} from "../../loaders/duckdb.js";
import {ExtractError, load, readDataset} from "../../loaders/extract/index.js";
import {HEAD_ROWS, trimmed} from "../../loaders/extract/validate.js";
import {silentLogger} from "../../loaders/log.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
  dir = undefined;
});

/** A sales-lines file of these lines (line 1 the header), read with these csv options. */
async function writeDataset(header: string, lines: string[], csv: Record<string, string> = {}): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "segmentera-reading-"));
  await writeFile(join(dir, "lines.csv"), [header, ...lines].join("\n") + "\n");
  await writeFile(
    join(dir, "segmentera.json"),
    JSON.stringify({tables: {sales_lines: {file: "lines.csv", ...(Object.keys(csv).length ? {csv} : {})}}})
  );
  return dir;
}

async function loadDir(path: string) {
  const db = await openDatabase();
  try {
    const report = await load(db, await readDataset(path), silentLogger);
    const rejects = await db.query<{line: number; rule: string; column_name: string; value: string}>(
      "SELECT line::INTEGER AS line, rule, column_name, value FROM rejects ORDER BY line"
    );
    const lines = await db.query<{
      invoice_id: string;
      invoice_date: string;
      net_amount: string;
      discount_pct: number | null;
    }>(
      `SELECT invoice_id, invoice_date::VARCHAR AS invoice_date, net_amount::VARCHAR AS net_amount, discount_pct
       FROM sales_lines ORDER BY invoice_id`
    );
    return {report, rejects, lines};
  } finally {
    db.close();
  }
}

const repeat = (n: number, line: (i: number) => string) => Array.from({length: n}, (_, i) => line(i));

describe("a reading that rows after the first ones decide", () => {
  it("reads decimal commas that appear only after the first rows", async () => {
    // The first rows' amounts are whole (no separator): they show a dot decimal; the next 60 are "12,50".
    const path = await writeDataset("invoice_id;invoice_date;customer_id;article_id;quantity;net_amount", [
      ...repeat(HEAD_ROWS, (i) => `F${String(i).padStart(6, "0")};2024-03-01;K1;A1;1;12`),
      ...repeat(60, (i) => `G${String(i).padStart(6, "0")};2024-03-01;K1;A1;1;12,50`),
      "H1;2024-03-01;K1;A1;1;12,50;one field too many"
    ]);
    const {report, rejects, lines} = await loadDir(path);
    // the line that does not split is rejected once, though the table is read twice
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([[HEAD_ROWS + 62, "malformed_line"]]);
    expect(report.files[0]).toMatchObject({rows_read: HEAD_ROWS + 61, rows_accepted: HEAD_ROWS + 60, rows_rejected: 1});
    expect(lines.filter((l) => l.invoice_id.startsWith("G")).every((l) => l.net_amount === "12.5000")).toBe(true);
    expect(lines.filter((l) => l.invoice_id.startsWith("F")).every((l) => l.net_amount === "12.0000")).toBe(true);
  });

  it("reads dates day first when more rows further down say so than the first rows say month first", async () => {
    // Lines 2..HEAD_ROWS+1 can only be month first (13th month otherwise); the HEAD_ROWS + 5 lines after them
    // only day first: day first wins, and the month-first dates are rejected as unparseable.
    const path = await writeDataset("invoice_id,invoice_date,customer_id,article_id,quantity,net_amount", [
      ...repeat(HEAD_ROWS, (i) => `M${String(i).padStart(6, "0")},02/13/2024,K1,A1,1,10.00`),
      ...repeat(HEAD_ROWS + 5, (i) => `D${String(i).padStart(6, "0")},13/02/2024,K1,A1,1,10.00`)
    ]);
    const {rejects, lines} = await loadDir(path);
    expect(rejects.length).toBe(HEAD_ROWS);
    expect(rejects[0]).toEqual({line: 2, rule: "unparseable_date", column_name: "invoice_date", value: "02/13/2024"});
    expect(rejects.at(-1)!.line).toBe(HEAD_ROWS + 1);
    expect(lines.length).toBe(HEAD_ROWS + 5);
    expect(lines.every((l) => l.invoice_id.startsWith("D") && l.invoice_date === "2024-02-13")).toBe(true);
  });

  it("stops on dates no row tells apart, after first rows that tell nothing either", async () => {
    const path = await writeDataset("invoice_id,invoice_date,customer_id,article_id,quantity,net_amount", [
      ...repeat(HEAD_ROWS + 20, (i) => `F${i},01/02/2024,K1,A1,1,10.00`)
    ]);
    const error = await loadDir(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).rule).toBe("ambiguous_date");
  });

  it("reads a discount as a fraction when the fractions come after whole first rows, with the extract's amounts", async () => {
    const path = await writeDataset("invoice_id,invoice_date,customer_id,article_id,quantity,net_amount,discount_pct", [
      ...repeat(HEAD_ROWS, (i) => `F${String(i).padStart(6, "0")},2024-03-01,K1,A1,1,10.00,0`),
      `G1,2024-03-01,K1,A1,2,170.00,0.15`
    ]);
    const {report, rejects, lines} = await loadDir(path);
    expect(rejects).toEqual([]);
    expect(report.notes.some((n) => n.startsWith("discount_pct read as a fraction"))).toBe(true);
    expect(lines.find((l) => l.invoice_id === "G1")!.discount_pct).toBeCloseTo(15, 10);
    expect(lines.find((l) => l.invoice_id === "F000000")!.discount_pct).toBe(0);
  });

  it("reads a discount as a fraction when the fractions come after whole first rows, with amounts computed from it", async () => {
    // net_amount = round(quantity × unit_price × (1 − discount), 2): 2 × 100 × 0.85 = 170.00; 1 × 10 × 1 = 10.00
    const path = await writeDataset("invoice_id,invoice_date,customer_id,article_id,quantity,unit_price,discount_pct", [
      ...repeat(HEAD_ROWS, (i) => `F${String(i).padStart(6, "0")},2024-03-01,K1,A1,1,10.00,0`),
      `G1,2024-03-01,K1,A1,2,100.00,0.15`
    ]);
    const {rejects, lines} = await loadDir(path);
    expect(rejects).toEqual([]);
    expect(lines.find((l) => l.invoice_id === "G1")).toMatchObject({net_amount: "170.0000"});
    expect(lines.find((l) => l.invoice_id === "G1")!.discount_pct).toBeCloseTo(15, 10);
    expect(lines.find((l) => l.invoice_id === "F000000")).toMatchObject({net_amount: "10.0000", discount_pct: 0});
  });
});

describe("the earliest plausible date, settled from the dates", () => {
  it("rejects an implausible date before rules later in the order, and after earlier ones", async () => {
    // 200 dates in 2024 and 5 in 1990: the 5th percentile is in 2024, so the earliest plausible date is in 2014.
    const path = await writeDataset("invoice_id,invoice_date,customer_id,article_id,quantity,net_amount", [
      ...repeat(200, (i) => `F${i},2024-03-01,K1,A1,1,10.00`),
      "Z1,1990-05-01,K1,A1,0,10.00", // line 202: implausible date and zero quantity: the date comes first
      "Z2,1990-05-01,,A1,1,10.00", // line 203: missing customer comes before the date
      "Z3, 1990-05-02 ,K1,A1,1,10.00", // line 204: the value as written
      "Z4,2024-03-01,K1,A1,0,10.00", // line 205: a plausible date, zero quantity
      "Z5,1990-05-03,K1,A1,1,10.00" // line 206: implausible only
    ]);
    const {rejects} = await loadDir(path);
    expect(rejects).toEqual([
      {line: 202, rule: "implausible_date", column_name: "invoice_date", value: "1990-05-01"},
      {line: 203, rule: "missing_required", column_name: "customer_id", value: null},
      {line: 204, rule: "implausible_date", column_name: "invoice_date", value: " 1990-05-02 "},
      {line: 205, rule: "zero_quantity", column_name: "quantity", value: "0"},
      {line: 206, rule: "implausible_date", column_name: "invoice_date", value: "1990-05-03"}
    ]);
  });
});

describe("trimming a value's ends", () => {
  // Every Unicode space DuckDB's trim removes, whitespace it keeps, and characters of more than one byte.
  const spaces = [" ", "\u00a0", "\u1680", "\u2000", "\u2007", "\u200a", "\u202f", "\u205f", "\u3000"];
  const others = ["\t", "\n", "\r", "\u000b", "\u0085", "\u2028", "\u200b", "\ufeff", "é", "e\u0301", "😀", "x"];
  const values = [
    "",
    "K1",
    "Göteborg",
    ...[...spaces, ...others].flatMap((c) => [c, `${c}K1`, `K1${c}`, `${c}K1${c}`, `K${c}1`, `${c}${c}`]),
    ...spaces.flatMap((c) => others.map((o) => `${c}${o}${c}`))
  ];

  it("gives what DuckDB's trim gives, for every kind of space at either end", async () => {
    const db = await openDatabase();
    try {
      const rows = await db.query<{value: string; fast: string | null; trim: string | null}>(
        `SELECT value, ${trimmed("value")} AS fast, trim(value) AS trim
         FROM (SELECT unnest($values::VARCHAR[]) AS value UNION ALL SELECT NULL)`,
        {values: JSON.stringify(values)}
      );
      expect(rows).toHaveLength(values.length + 1);
      for (const row of rows) expect(row.fast, JSON.stringify(row.value)).toBe(row.trim);
      // the cheap branch is taken only where trim cannot change the text
      expect(rows.find((r) => r.value === "\u3000K1\u3000")?.fast).toBe("K1");
    } finally {
      db.close();
    }
  });

  it("reads ids and numbers padded with Unicode spaces as their trimmed text", async () => {
    const path = await writeDataset("invoice_id;invoice_date;customer_id;article_id;quantity;net_amount", [
      "\u00a0F1\u3000;2024-03-01;K1;A1;\u2007 2 ;10.50",
      "F2;\u3000 2024-03-02\u00a0;K1;A1;1;\u202f5"
    ]);
    const {rejects, lines} = await loadDir(path);
    expect(rejects).toEqual([]);
    expect(lines.map((l) => [l.invoice_id, l.invoice_date, l.net_amount])).toEqual([
      ["F1", "2024-03-01", "10.5000"],
      ["F2", "2024-03-02", "5.0000"]
    ]);
  });
});
