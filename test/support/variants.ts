/**
 * Issue 10: data shapes that are not the sample's, derived from a small generated sample so that three builds
 * cover them all (2 cores): every transformation is plain text work on the CSV files, written here and not
 * with the loader's code, and each variant's expected headline is computed from the files it writes.
 */
import {mkdir, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {parseCsv} from "./csv.js";

export interface Table {
  header: string[];
  rows: string[][];
}

export interface Variant {
  name: string;
  /** What the variant's data lacks or does differently. */
  shape: string;
  dir: string;
  /** The headline the pages must show, computed from the variant's raw files. */
  expected: {label: string; revenueCents: bigint; customers: number; topCustomer: string; topRevenueCents: bigint};
}

export async function readTable(file: string): Promise<Table> {
  const [header, ...rows] = parseCsv(await readFile(file, "utf8"));
  return {header, rows};
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

async function writeTable(file: string, {header, rows}: Table): Promise<void> {
  await writeFile(file, [header, ...rows].map((r) => r.map(quote).join(",")).join("\n") + "\n");
}

function col(table: Table, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${table.header.join(",")}`);
  return i;
}

function filter(table: Table, keep: (get: (name: string) => string) => boolean): Table {
  return {header: table.header, rows: table.rows.filter((r) => keep((name) => r[col(table, name)]))};
}

function dropColumns(table: Table, names: string[]): Table {
  const keep = table.header.map((_, i) => i).filter((i) => !names.includes(table.header[i]));
  return {header: keep.map((i) => table.header[i]), rows: table.rows.map((r) => keep.map((i) => r[i]))};
}

function mapColumn(table: Table, name: string, f: (value: string) => string): Table {
  const i = col(table, name);
  return {header: table.header, rows: table.rows.map((r) => r.map((v, j) => (j === i && v !== "" ? f(v) : v)))};
}

/** 2025-03-07 → 3/7/2025 (a US export). */
const usDate = (iso: string) => `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(0, 4)}`;

/** "12.5" → 12.5 % as a fraction, "0.125", exactly (decimal text, no floating point). */
function percentToFraction(text: string): string {
  const [whole, decimals = ""] = text.split(".");
  const digits = (whole.padStart(3, "0") + decimals).replace(/^0+(?=\d)/, "");
  const point = digits.length - decimals.length - 2;
  const fraction = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
  return fraction.replace(/\.?0+$/, "") || "0";
}

/** "436.10" → 43610n (cents; the sample writes two decimals). */
function cents(text: string): bigint {
  const [whole, decimals = ""] = text.split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole.replace("-", "")) * 100n + BigInt(decimals.padEnd(2, "0").slice(0, 2)));
}

/**
 * The headline of the lines dated in the as-of year (the last date's year), from ISO dates; labelled with the
 * year, or with its span in `locale` when the last date is not 31 December (the data all start before).
 */
function headline(lines: Table, dateOf: (row: string[]) => string, locale: string): Variant["expected"] {
  const last = lines.rows.map(dateOf).reduce((a, b) => (a > b ? a : b));
  const year = last.slice(0, 4);
  const day = new Intl.DateTimeFormat(locale, {day: "numeric", month: "short", timeZone: "UTC"});
  const label = last.endsWith("-12-31")
    ? year
    : `${year}, ${day.format(new Date(`${year}-01-01`))} – ${day.format(new Date(last))}`;
  const byCustomer = new Map<string, bigint>();
  let revenueCents = 0n;
  for (const row of lines.rows) {
    if (!dateOf(row).startsWith(year)) continue;
    const amount = cents(row[col(lines, "net_amount")]);
    const customer = row[col(lines, "customer_id")];
    revenueCents += amount;
    byCustomer.set(customer, (byCustomer.get(customer) ?? 0n) + amount);
  }
  const [topCustomer, topRevenueCents] = [...byCustomer].reduce((a, b) => (b[1] > a[1] ? b : a));
  return {label, revenueCents, customers: byCustomer.size, topCustomer, topRevenueCents};
}

/**
 * Write the variants of the sample in `sampleDir` under `outDir`:
 * - mid-year-usd: data ending 14 June, USD with en-US, US dates, no cost of goods, no cost events, discounts as
 *   fractions;
 * - one-year-lines: a single year, no private-label customers, no account profiles, no articles file, and the
 *   sales lines as an invoice-header + invoice-lines pair joined in the mapping;
 * - one-customer: the sample's largest customer alone.
 */
export async function writeVariants(sampleDir: string, outDir: string): Promise<Variant[]> {
  const read = (name: string) => readTable(join(sampleDir, `${name}.csv`));
  const [customers, articles, lines, orders, events, profiles] = await Promise.all(
    ["customers", "articles", "sales_lines", "orders", "cost_events", "account_profiles"].map(read)
  );
  const variants: Variant[] = [];

  {
    const dir = join(outDir, "mid-year-usd");
    await mkdir(dir, {recursive: true});
    const end = "2025-06-14";
    const midLines = filter(lines, (get) => get("invoice_date") <= end);
    const usLines = mapColumn(
      mapColumn(dropColumns(midLines, ["unit_cost"]), "invoice_date", usDate),
      "discount_pct",
      percentToFraction
    );
    await writeTable(join(dir, "sales_lines.csv"), usLines);
    await writeTable(join(dir, "customers.csv"), mapColumn(customers, "created_date", usDate));
    await writeTable(join(dir, "articles.csv"), dropColumns(articles, ["unit_cost"]));
    const midOrders = filter(orders, (get) => get("order_date") <= end);
    await writeTable(join(dir, "orders.csv"), mapColumn(midOrders, "order_date", usDate));
    await writeTable(join(dir, "account_profiles.csv"), mapColumn(profiles, "updated_date", usDate));
    await writeJson(dir, {
      name: "Mid-year USD export",
      tables: {
        customers: {file: "customers.csv"},
        articles: {file: "articles.csv"},
        sales_lines: {file: "sales_lines.csv"},
        orders: {file: "orders.csv"},
        // a handful of profiles may all be ambiguous (3/4/2025): a US export says its order
        account_profiles: {file: "account_profiles.csv", csv: {dateFormat: "%m/%d/%Y"}}
      },
      settings: {currency: "USD", locale: "en-US"}
    });
    const expected = headline(midLines, (r) => r[col(midLines, "invoice_date")], "en-US");
    if (expected.label !== "2025, Jan 1 – Jun 14") throw new Error(`the sample has no line on ${end}`);
    variants.push({
      name: "mid-year-usd",
      shape: "ends 14 June; USD, en-US; US dates; no cost of goods; no cost events; discounts as fractions",
      dir,
      expected
    });
  }

  {
    const dir = join(outDir, "one-year-lines");
    await mkdir(dir, {recursive: true});
    const privateLabel = new Set(
      filter(customers, (get) => get("customer_type") === "private_label").rows.map(
        (r) => r[col(customers, "customer_id")]
      )
    );
    const catalogue = filter(customers, (get) => !privateLabel.has(get("customer_id")));
    const yearLines = filter(
      lines,
      (get) => get("invoice_date").startsWith("2025") && !privateLabel.has(get("customer_id"))
    );
    const headerColumns = ["invoice_id", "invoice_date", "customer_id", "channel", "sales_rep"];
    const headers = new Map<string, string[]>();
    for (const row of yearLines.rows) {
      const header = headerColumns.map((c) => row[col(yearLines, c)]);
      const id = header[0];
      const seen = headers.get(id);
      if (seen && seen.join() !== header.join()) throw new Error(`invoice ${id} has lines of two headers`);
      headers.set(id, header);
    }
    await writeTable(join(dir, "invoice_headers.csv"), {header: headerColumns, rows: [...headers.values()]});
    await writeTable(join(dir, "invoice_lines.csv"), dropColumns(yearLines, headerColumns.slice(1)));
    await writeTable(join(dir, "customers.csv"), catalogue);
    const keep = (date: string) => (get: (name: string) => string) =>
      get(date).startsWith("2025") && !privateLabel.has(get("customer_id"));
    await writeTable(join(dir, "orders.csv"), filter(orders, keep("order_date")));
    await writeTable(join(dir, "cost_events.csv"), filter(events, keep("event_date")));
    await writeJson(dir, {
      name: "One year of invoice headers and lines",
      tables: {
        customers: {file: "customers.csv"},
        sales_lines: {
          file: "invoice_lines.csv",
          join: [{file: "invoice_headers.csv", on: "invoice_id", columns: headerColumns.slice(1)}]
        },
        orders: {file: "orders.csv"},
        cost_events: {file: "cost_events.csv"}
      }
    });
    const expected = headline(yearLines, (r) => r[col(yearLines, "invoice_date")], "sv-SE");
    variants.push({
      name: "one-year-lines",
      shape: "a single year; no private-label customers; no account profiles; no articles file; header + lines",
      dir,
      expected
    });
  }

  {
    const dir = join(outDir, "one-customer");
    await mkdir(dir, {recursive: true});
    const totals = new Map<string, bigint>();
    for (const row of lines.rows) {
      const id = row[col(lines, "customer_id")];
      totals.set(id, (totals.get(id) ?? 0n) + cents(row[col(lines, "net_amount")]));
    }
    const [largest] = [...totals].reduce((a, b) => (b[1] > a[1] ? b : a));
    const only = (get: (name: string) => string) => get("customer_id") === largest;
    const oneLines = filter(lines, only);
    await writeTable(join(dir, "sales_lines.csv"), oneLines);
    await writeTable(join(dir, "customers.csv"), filter(customers, only));
    await writeTable(join(dir, "articles.csv"), articles);
    await writeTable(join(dir, "orders.csv"), filter(orders, only));
    await writeTable(join(dir, "cost_events.csv"), filter(events, only));
    await writeTable(join(dir, "account_profiles.csv"), filter(profiles, only));
    await writeJson(dir, {
      name: "One customer",
      tables: Object.fromEntries(
        ["customers", "articles", "sales_lines", "orders", "cost_events", "account_profiles"].map((t) => [
          t,
          {file: `${t}.csv`}
        ])
      )
    });
    const expected = headline(oneLines, (r) => r[col(oneLines, "invoice_date")], "sv-SE");
    variants.push({name: "one-customer", shape: "the sample's largest customer alone", dir, expected});
  }
  return variants;
}

async function writeJson(dir: string, config: unknown): Promise<void> {
  await writeFile(join(dir, "segmentera.json"), JSON.stringify(config, null, 2) + "\n");
}
