/**
 * The extract corpus (test/fixtures/extracts/<case>/): every deliberately broken extract and its exact
 * outcome — the fatal error's file, column and rule, or the rejected rows' line, column and rule, and the
 * reconciliation rows read = accepted + rejected + filtered. Expected values are written by hand.
 */
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {ExtractError, load, readDataset, stage, type LoadReport} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {parseCsv} from "../support/csv.js";

const CORPUS = join(import.meta.dirname, "..", "fixtures", "extracts");

interface Loaded {
  db: Database;
  report: LoadReport;
  rejects: {file: string; line: number; column_name: string; value: string | null; rule: string}[];
}

async function loadCase(name: string): Promise<Loaded> {
  const dataset = await readDataset(join(CORPUS, name));
  const db = await openDatabase();
  const report = await load(db, dataset, silentLogger);
  // Every load reconciles with the test's own count of each CSV file's records (issue 14).
  for (const f of report.files.filter((f) => f.file.endsWith(".csv"))) {
    const text = (await readFile(f.file)).toString("latin1");
    const header = text.split(/\r?\n|\r/)[0];
    const delimiter = [",", ";", "\t", "|"].sort((a, b) => header.split(b).length - header.split(a).length)[0];
    expect(f.rows_read, f.file).toBe(parseCsv(text, delimiter).length - 1);
    expect(f.rows_accepted + f.rows_rejected + f.rows_filtered, f.file).toBe(f.rows_read);
  }
  const rejects = await db.query<Loaded["rejects"][number]>(
    "SELECT regexp_extract(file, '[^/]+$') AS file, line::INTEGER AS line, column_name, value, rule FROM rejects ORDER BY file, line"
  );
  return {db, report, rejects};
}

async function fatal(name: string): Promise<ExtractError> {
  try {
    const dataset = await readDataset(join(CORPUS, name));
    const db = await openDatabase();
    try {
      await load(db, dataset, silentLogger);
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error(`${name} loaded without the expected error`);
}

async function rows<T = Record<string, unknown>>(db: Database, sql: string): Promise<T[]> {
  return db.query<T>(sql);
}

function counts(report: LoadReport, file?: string) {
  const f = report.files.find((x) => x.table === "sales_lines" && (!file || x.file.endsWith(file)))!;
  return {read: f.rows_read, accepted: f.rows_accepted, rejected: f.rows_rejected, filtered: f.rows_filtered};
}

const reject = (file: string, line: number, column_name: string, rule: string, value: string | null) => ({
  file,
  line,
  column_name,
  value,
  rule
});

describe("load: formats real exports come in", () => {
  it("reads a comma-separated UTF-8 file with a return line", async () => {
    const {db, report} = await loadCase("comma-utf8");
    expect(counts(report)).toEqual({read: 3, accepted: 3, rejected: 0, filtered: 0});
    expect(await rows(db, "SELECT sum(net_amount)::VARCHAR AS revenue FROM sales_lines")).toEqual([
      {revenue: "189.7500"}
    ]);
  });

  it("reads semicolons, decimal commas, a space as thousands separator and dd.mm.yyyy dates", async () => {
    const {db} = await loadCase("semicolon-decimal-comma");
    expect(
      await rows(db, "SELECT invoice_date::VARCHAR AS d, net_amount::VARCHAR AS a FROM sales_lines ORDER BY d")
    ).toEqual([
      {d: "2024-03-01", a: "1234.5000"},
      {d: "2024-03-02", a: "99.5000"}
    ]);
  });

  it("reads a tab-separated file", async () => {
    const {report} = await loadCase("tab-delimited");
    expect(counts(report)).toEqual({read: 2, accepted: 2, rejected: 0, filtered: 0});
  });

  it("keeps å, ä, ö and the Windows-1252 dash of a Windows-1252 file", async () => {
    const {db} = await loadCase("windows-1252");
    expect(await rows(db, "SELECT customer_id, customer_name FROM customers ORDER BY customer_id")).toEqual([
      {customer_id: "K1", customer_name: "Åkesson – Väst AB"},
      {customer_id: "K2", customer_name: "Öberg & Söner"}
    ]);
  });

  it("reads a UTF-8 file with a byte-order mark (the first column keeps its name)", async () => {
    const {report} = await loadCase("utf8-bom");
    expect(counts(report)).toEqual({read: 1, accepted: 1, rejected: 0, filtered: 0});
  });

  it("counts lines right with mixed CRLF and LF line endings", async () => {
    const {report, rejects} = await loadCase("mixed-line-endings");
    expect(counts(report)).toEqual({read: 4, accepted: 3, rejected: 1, filtered: 0});
    expect(rejects).toEqual([reject("lines.csv", 4, "quantity", "zero_quantity", "0")]);
  });

  it("unquotes fields with commas and doubled quotes", async () => {
    const {db} = await loadCase("quoted-fields");
    expect(await rows(db, "SELECT customer_name FROM customers")).toEqual([{customer_name: 'Bergström, "Profil" AB'}]);
  });

  it("counts physical lines when a quoted value spans two lines", async () => {
    const {db, rejects} = await loadCase("multiline-quoted-value");
    expect(await rows(db, "SELECT customer_name FROM customers WHERE customer_id = 'K1'")).toEqual([
      {customer_name: "Alfa\nAB"}
    ]);
    expect(rejects).toEqual([reject("lines.csv", 4, "quantity", "unparseable_number", "zero")]);
  });

  it("reads Parquet, with row numbers as lines", async () => {
    const {report, rejects} = await loadCase("parquet");
    expect(counts(report)).toEqual({read: 3, accepted: 2, rejected: 1, filtered: 0});
    expect(rejects).toEqual([reject("lines.parquet", 2, "quantity", "zero_quantity", "0")]);
  });

  it("reads several files through a pattern and reconciles each", async () => {
    const {report} = await loadCase("glob-multi-file");
    expect(counts(report, "lines-2024-01.csv")).toEqual({read: 1, accepted: 1, rejected: 0, filtered: 0});
    expect(counts(report, "lines-2024-02.csv")).toEqual({read: 2, accepted: 1, rejected: 1, filtered: 0});
  });

  it("ignores columns the canonical format does not use", async () => {
    const {report} = await loadCase("extra-columns");
    expect(counts(report)).toEqual({read: 1, accepted: 1, rejected: 0, filtered: 0});
  });

  it("maps renamed columns and computes net amount from price and discount", async () => {
    const {db} = await loadCase("expression-mapping");
    expect(
      await rows(db, "SELECT customer_id, net_amount::VARCHAR AS a FROM sales_lines ORDER BY customer_id")
    ).toEqual([
      {customer_id: "K1", a: "27.0000"},
      {customer_id: "K2", a: "11.0000"}
    ]);
  });

  it("understands ISO, dd.mm.yyyy, dd/mm/yyyy and yyyymmdd dates", async () => {
    const {db} = await loadCase("swedish-dates");
    expect(await rows(db, "SELECT DISTINCT invoice_date::VARCHAR AS d FROM sales_lines")).toEqual([{d: "2024-03-01"}]);
  });

  it("reads thousands separators in both styles with decimal commas", async () => {
    const {db} = await loadCase("thousands-separator");
    expect(await rows(db, "SELECT sum(net_amount)::VARCHAR AS revenue FROM sales_lines")).toEqual([
      {revenue: "13586.7500"}
    ]);
  });

  it("counts rows dropped by the mapping's where filter as filtered", async () => {
    const {report} = await loadCase("where-filter");
    expect(counts(report)).toEqual({read: 3, accepted: 2, rejected: 0, filtered: 1});
  });
});

describe("load: row problems are quarantined with file, line, column and rule", () => {
  it.each([
    ["bad-date", [reject("lines.csv", 3, "invoice_date", "unparseable_date", "2024-13-45")]],
    ["bad-number", [reject("lines.csv", 3, "quantity", "unparseable_number", "abc")]],
    ["blank-customer", [reject("lines.csv", 2, "customer_id", "missing_required", null)]],
    ["zero-quantity", [reject("lines.csv", 2, "quantity", "zero_quantity", "0")]],
    ["negative-price", [reject("lines.csv", 3, "unit_price", "negative_price", "-99.50")]],
    ["orphan-article", [reject("lines.csv", 3, "article_id", "orphan_article", "A9")]],
    ["orphan-customer", [reject("lines.csv", 3, "customer_id", "orphan_customer", "K7")]],
    ["duplicate-key", [reject("customers.csv", 4, "customer_id", "duplicate_key", "K1")]],
    ["invalid-customer-type", [reject("customers.csv", 3, "customer_type", "invalid_value", "vip")]]
  ])("%s", async (name, expected) => {
    const {report, rejects} = await loadCase(name);
    expect(rejects).toEqual(expected);
    for (const file of report.files)
      expect(file.rows_read).toBe(file.rows_accepted + file.rows_rejected + file.rows_filtered);
  });

  it.each([
    [
      "dot-decimal-grouping",
      [
        reject("lines.csv", 4, "net_amount", "unparseable_number", "1 234,50"),
        reject("lines.csv", 5, "net_amount", "unparseable_number", "12,34.5")
      ]
    ],
    [
      "nan-infinity",
      [
        reject("lines.csv", 3, "discount_pct", "unparseable_number", "NaN"),
        reject("lines.csv", 4, "discount_pct", "unparseable_number", "Infinity"),
        reject("lines.csv", 5, "quantity", "unparseable_number", "1e300"),
        reject("lines.csv", 6, "net_amount", "unparseable_number", "99999999999 × 99999999")
      ]
    ],
    ["future-date", [reject("lines.csv", 3, "invoice_date", "future_date", "2099-01-01")]],
    ["as-of-date", [reject("lines.csv", 3, "invoice_date", "future_date", "2024-07-01")]],
    ["implausible-date", [reject("lines.csv", 22, "invoice_date", "implausible_date", "1990-05-01")]],
    ["us-dates", [reject("lines.csv", 4, "invoice_date", "unparseable_date", "13/11/2016")]],
    ["sign-mismatch", [reject("lines.csv", 3, "net_amount", "sign_mismatch", "20.00")]]
  ])("%s (issue 14: numbers and dates are never reinterpreted)", async (name, expected) => {
    const {rejects} = await loadCase(name);
    expect(rejects).toEqual(expected);
  });

  it("reads grouped thousands in a dot-decimal column exactly", async () => {
    const {db} = await loadCase("dot-decimal-grouping");
    expect(await rows(db, "SELECT sum(net_amount)::VARCHAR AS revenue FROM sales_lines")).toEqual([
      {revenue: "2544.5000"}
    ]);
  });

  it("keeps four decimals of an amount, so sums equal the file's (issue 10)", async () => {
    const {db} = await loadCase("four-decimal-amounts");
    // 10.1234 + 0.0001 + 0.0049, by hand
    expect(await rows(db, "SELECT sum(net_amount)::VARCHAR AS revenue FROM sales_lines")).toEqual([
      {revenue: "10.1284"}
    ]);
  });

  it("takes a line's cost of goods from the ERP's line cost, or its line margin, before quantity × unit cost", async () => {
    const {db} = await loadCase("line-cost-and-margin");
    // K1: 3 × 20.1234 = 60.3702; K2: its cost 31.1111; K3: 40.00 − 12.3456 = 27.6544; K4: unknown
    expect(
      await rows(db, "SELECT customer_id, cost_amount::VARCHAR AS cost FROM sales_lines ORDER BY customer_id")
    ).toEqual([
      {customer_id: "K1", cost: "60.3702"},
      {customer_id: "K2", cost: "31.1111"},
      {customer_id: "K3", cost: "27.6544"},
      {customer_id: "K4", cost: null}
    ]);
  });

  it("leaves a cost of goods too large to hold unknown, and says which line", async () => {
    const {db, report} = await loadCase("cost-too-large");
    // F1: 3 × 20.1234 = 60.3702; F2: 10 000 000 000 × 20 000 = 2 × 10^14, beyond DECIMAL(18,4);
    // F3: −40 − 99 999 999 999 999 is beyond it too; F4: 40 − 12.3456 = 27.6544; F5: 1 000 000 × 1 000 000.5
    // = 1 000 000 500 000, within the column though beyond what 18 digits multiply without overflow
    expect(
      await rows(db, "SELECT invoice_id, cost_amount::VARCHAR AS cost FROM sales_lines ORDER BY invoice_id")
    ).toEqual([
      {invoice_id: "F1", cost: "60.3702"},
      {invoice_id: "F2", cost: null},
      {invoice_id: "F3", cost: null},
      {invoice_id: "F4", cost: "27.6544"},
      {invoice_id: "F5", cost: "1000000500000.0000"}
    ]);
    expect(report.rejects).toBe(0);
    expect(report.summary).toContain("2 sales lines have a cost of goods too large to hold");
    expect(report.summary).toContain("invoice F2, customer K2, article A1");
  });

  it("reads a discount of 0.15 as 15 % when every value is a fraction, and says so (issue 10)", async () => {
    const {db, report} = await loadCase("discount-fraction");
    // 2 × 100 × 0.85 = 170; 80; 10 × 0.5 = 5
    expect(await rows(db, "SELECT net_amount::VARCHAR AS a FROM sales_lines ORDER BY customer_id")).toEqual([
      {a: "170.0000"},
      {a: "80.0000"},
      {a: "5.0000"}
    ]);
    expect(report.summary).toContain("discount_pct read as a fraction");
  });

  it("reads a discount as percent when the settings say so", async () => {
    const {db, report} = await loadCase("discount-percent-setting");
    // 2 × 100 × (1 − 0.15 / 100) = 199.70
    expect(await rows(db, "SELECT net_amount::VARCHAR AS a FROM sales_lines")).toEqual([{a: "199.7000"}]);
    expect(report.summary).not.toContain("fraction");
  });

  it("joins order lines to their order headers, reading and reconciling both files (issue 10)", async () => {
    const {db, report, rejects} = await loadCase("order-header-lines");
    const files = report.files.map((f) => ({
      file: f.file.replace(/^.*\//, ""),
      read: f.rows_read,
      accepted: f.rows_accepted,
      rejected: f.rows_rejected,
      filtered: f.rows_filtered
    }));
    expect(files).toEqual([
      {file: "orders.csv", read: 4, accepted: 3, rejected: 1, filtered: 0},
      {file: "lines.csv", read: 4, accepted: 3, rejected: 1, filtered: 0}
    ]);
    expect(rejects).toEqual([
      reject("lines.csv", 4, "OrderID", "orphan_header", "O4"),
      reject("orders.csv", 4, "OrderID", "duplicate_key", "O2")
    ]);
    // O2's first header (K2, 2 March) is the one kept
    expect(
      await rows(
        db,
        "SELECT order_id, invoice_date::VARCHAR AS d, customer_id, net_amount::VARCHAR AS a FROM sales_lines ORDER BY order_id"
      )
    ).toEqual([
      {order_id: "O1", d: "2024-03-01", customer_id: "K1", a: "100.0000"},
      {order_id: "O2", d: "2024-03-02", customer_id: "K2", a: "50.0000"},
      {order_id: "O3", d: "2024-03-03", customer_id: "K3", a: "30.0000"}
    ]);
  });

  it("reads month-first dates when a value shows the order", async () => {
    const {db} = await loadCase("us-dates");
    expect(await rows(db, "SELECT invoice_date::VARCHAR AS d FROM sales_lines ORDER BY customer_id")).toEqual([
      {d: "2016-11-08"},
      {d: "2016-11-13"},
      {d: "2016-12-21"}
    ]);
  });

  it("rejects a truncated last line as malformed, keeping the rows before it", async () => {
    const {report, rejects} = await loadCase("truncated-last-line");
    expect(counts(report)).toEqual({read: 3, accepted: 2, rejected: 1, filtered: 0});
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([[4, "malformed_line"]]);
  });

  it("rejects a row with too many fields as malformed and numbers the rows after it right", async () => {
    const {db, report, rejects} = await loadCase("too-many-fields");
    expect(counts(report)).toEqual({read: 3, accepted: 2, rejected: 1, filtered: 0});
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([[3, "malformed_line"]]);
    expect(await rows(db, "SELECT customer_id FROM sales_lines ORDER BY customer_id")).toEqual([
      {customer_id: "K1"},
      {customer_id: "K3"}
    ]);
  });

  it("computes the net amount of accepted lines from quantity and unit price", async () => {
    const {db} = await loadCase("negative-price");
    expect(await rows(db, "SELECT net_amount::VARCHAR AS a FROM sales_lines")).toEqual([{a: "100.5000"}]);
  });
});

describe("load: fatal problems stop with one message naming file, column and rule", () => {
  it.each([
    ["missing-required-column", "column_missing", "customer_id", "lines.csv"],
    ["unknown-mapped-column", "unknown_column", "Kundnr", "lines.csv"],
    ["missing-file", "file_missing", undefined, "not-there.csv"],
    ["empty-file", "no_rows", undefined, "lines.csv"],
    ["header-only", "no_rows", undefined, "lines.csv"],
    ["bad-config-json", "bad_config", undefined, "segmentera.json"],
    ["ambiguous-dates", "ambiguous_date", "invoice_date", "lines.csv"],
    ["amounts-too-large", "amount_overflow", undefined, "lines.csv"],
    ["cost-events-too-large", "amount_overflow", undefined, "costs.csv"]
  ])("%s", async (name, rule, column, file) => {
    const error = await fatal(name);
    expect(error.rule).toBe(rule);
    expect(error.column).toBe(column);
    expect(error.file.endsWith(file)).toBe(true);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`[${rule}]`);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });

  it("names the largest line or cost event when the money adds up beyond what the warehouse holds", async () => {
    const error = await fatal("amounts-too-large");
    // |60 000 000 000 000| + |−50 000 000 000 000| + 10 ≥ 10^14
    expect(error.message).toContain("add up to 110000000000010.0000");
    expect(error.message).toContain("invoice F1, customer K1, article A1");
    // two sales visits of 60 000 000 000 000 each, beside a line of 100
    const events = await fatal("cost-events-too-large");
    expect(events.message).toContain("add up to 120000000000100.0000");
    expect(events.message).toContain("the cost event of customer K1, sales_visit on 2024-03-01");
  });

  it("names two ambiguous dates and the setting to choose", async () => {
    const error = await fatal("ambiguous-dates");
    expect(error.message).toContain('"01/02/2024", "03/04/2024"');
    expect(error.message).toContain("%m/%d/%Y");
  });

  it("fails the load when rejected revenue exceeds the configured share", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "segmentera-stage-"));
    try {
      const dataset = await readDataset(join(CORPUS, "rejected-revenue-threshold"));
      await expect(stage(dataset, {cacheDir, log: silentLogger})).rejects.toMatchObject({
        rule: "rejected_revenue_threshold"
      });
    } finally {
      await rm(cacheDir, {recursive: true, force: true});
    }
  });
});

describe("stage", () => {
  it("reuses the staging database when the extracts have not changed", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "segmentera-stage-"));
    try {
      const dataset = await readDataset(join(CORPUS, "comma-utf8"));
      const first = await stage(dataset, {cacheDir, log: silentLogger});
      const second = await stage(dataset, {cacheDir, log: silentLogger});
      expect([first.cached, second.cached]).toEqual([false, true]);
      expect(second.path).toBe(first.path);
      expect(second.report.files).toEqual(first.report.files);
    } finally {
      await rm(cacheDir, {recursive: true, force: true});
    }
  });
});

describe("the UCI Online Retail sample (data/online-retail)", () => {
  it("loads with row counts, customers and net revenue that match an independent count of the CSV", async () => {
    const dir = join(import.meta.dirname, "..", "..", "data", "online-retail");
    // Independent expectation: a plain CSV parse (no quoted commas other than in Description).
    const text = await readFile(join(dir, "online-retail-sample.csv"), "utf8");
    const records = parseCsv(text);
    const header = records[0];
    const col = (name: string) => header.indexOf(name);
    let accepted = 0;
    let rejected = 0;
    let revenueMilli = 0n;
    const customers = new Set<string>();
    for (const r of records.slice(1)) {
      const quantity = Number(r[col("Quantity")]);
      const priceMilli = Math.round(Number(r[col("UnitPrice")]) * 1000);
      const customer = r[col("CustomerID")].trim();
      if (!customer || priceMilli < 0 || quantity === 0) {
        rejected++;
        continue;
      }
      accepted++;
      customers.add(customer);
      // round(quantity × price, 2), half away from zero, in exact integers (price has at most 3 decimals)
      const milli = BigInt(quantity) * BigInt(priceMilli);
      const pence = (milli >= 0n ? milli + 5n : milli - 5n) / 10n;
      revenueMilli += pence;
    }
    const dataset = await readDataset(dir);
    const db = await openDatabase();
    const report = await load(db, dataset, silentLogger);
    const [actual] = await db.query<{customers: number; revenue: string}>(
      "SELECT count(DISTINCT customer_id)::INTEGER AS customers, sum(net_amount)::VARCHAR AS revenue FROM sales_lines"
    );
    expect(counts(report)).toEqual({read: records.length - 1, accepted, rejected, filtered: 0});
    expect(actual.customers).toBe(customers.size);
    const pence = revenueMilli;
    expect(actual.revenue).toBe(`${pence / 100n}.${String(pence % 100n).padStart(2, "0")}00`);
    db.close();
  }, 60_000);
});
