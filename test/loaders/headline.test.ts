/**
 * Issue 10: the headline period on data that ends before 31 December. Expected figures are worked out by hand
 * from the lines written here.
 */
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {load, readDataset} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {headline, shiftYear, spanLabel} from "../../loaders/reports/headline.js";
import {overviewRows} from "../../loaders/reports/overview.js";
import {runEngine} from "../../loaders/segmentation/index.js";
import {createPublishedViews} from "../../loaders/privacy.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
  dir = undefined;
});

async function warehouse(lines: string[], settings: object = {}): Promise<{db: Database; settings: never}> {
  dir = await mkdtemp(join(tmpdir(), "segmentera-headline-"));
  await writeFile(
    join(dir, "lines.csv"),
    ["invoice_date,customer_id,article_id,quantity,net_amount,unit_cost", ...lines].join("\n") + "\n"
  );
  await writeFile(
    join(dir, "segmentera.json"),
    JSON.stringify({
      tables: {sales_lines: {file: "lines.csv"}},
      settings: {locale: "en-GB", currency: "GBP", ...settings}
    })
  );
  const dataset = await readDataset(dir);
  const db = await openDatabase();
  await load(db, dataset, silentLogger);
  await runEngine(db, dataset.settings, silentLogger);
  await createPublishedViews(db, dataset.settings);
  return {db, settings: dataset.settings as never};
}

describe("headline", () => {
  it("labels a year that is not over with its span, and compares only when the data has the same span", async () => {
    const {db, settings} = await warehouse([
      "2010-12-05,K1,A1,1,100.00,60",
      "2011-03-01,K1,A2,2,200.00,", // A2 has no cost anywhere: outside the margin
      "2011-12-09,K2,A1,1,50.00,20"
    ]);
    const {latest, previous, as_of} = await headline(db, settings);
    expect(as_of).toBe("2011-12-09");
    expect(latest).toMatchObject({
      period: "2011",
      label: "2011, 1 Jan – 9 Dec",
      complete: false,
      revenue: 250,
      customers: 2,
      private_label_customers: 0
    });
    // the margin of the lines that have a cost: (50 − 20) / 50
    expect(latest!.gross_margin_pct).toBeCloseTo(0.6, 12);
    // K1 bought 200 of the span's 250 (its 2010 line is outside it), shown by its id when names are not published
    expect(latest!.top_customer).toEqual({customer_id: "K1", customer: "K1", revenue: 200, share: 0.8});
    expect(previous).toBeNull(); // the data starts on 5 December 2010: no 1 Jan – 9 Dec 2010 to compare
    const rows = await overviewRows(db, settings);
    expect(rows.map((r) => r.year_label)).toEqual(["2010, 5 Dec – 31 Dec", "2011, 1 Jan – 9 Dec"]);
    db.close();
  });

  it("compares the same days of the year before, and says margin is not available without costs", async () => {
    const {db, settings} = await warehouse([
      "2010-01-01,K1,A1,1,100.00,",
      "2010-06-30,K1,A1,1,40.00,",
      "2010-07-01,K2,A1,1,999.00,",
      "2011-02-01,K1,A1,1,150.00,",
      "2011-06-30,K2,A1,1,10.00,"
    ]);
    const {latest, previous} = await headline(db, settings);
    expect(latest).toMatchObject({label: "2011, 1 Jan – 30 Jun", revenue: 160, customers: 2, gross_margin_pct: null});
    // 1 Jan – 30 Jun 2010: 100 + 40 (the line of 1 July is outside the span)
    expect(previous).toMatchObject({label: "2010, 1 Jan – 30 Jun", revenue: 140, customers: 1});
    expect((await overviewRows(db, settings)).every((r) => r.gross_margin_pct === null)).toBe(true);
    db.close();
  });

  it("takes the as-of date from the settings", async () => {
    const {db, settings} = await warehouse(["2010-01-10,K1,A1,1,100.00,", "2010-12-31,K1,A1,1,40.00,"], {
      asOf: "2010-12-31"
    });
    expect((await headline(db, settings)).latest).toMatchObject({label: "2010, 10 Jan – 31 Dec", revenue: 140});
    db.close();
  });
});

describe("spanLabel and shiftYear", () => {
  it("name a whole year by its number and move 29 February to the 28th", () => {
    expect(spanLabel("2024", "2024-01-01", "2024-12-31", "sv-SE")).toBe("2024");
    expect(spanLabel("2024", "2024-01-01", "2024-06-30", "sv-SE")).toBe("2024, 1 jan. – 30 juni");
    expect(shiftYear("2024-02-29", -1)).toBe("2023-02-28");
  });
});

describe("lost is lost, recency from the as-of date (issue 10)", () => {
  it("counts a customer with only a credit note in its window as lost to ABC, not as a move to C", async () => {
    const {db} = await warehouse([
      "2023-03-01,K1,A1,10,1000.00,",
      "2023-04-01,K2,A1,1,100.00,",
      "2024-03-05,K1,A1,-1,-100.00,", // K1's only line in the 12 months to 2024: a credit note
      "2024-12-09,K2,A1,1,100.00,"
    ]);
    const flows = await db.query(
      `SELECT segment_from, segment_to, customers FROM migration
       WHERE scheme = 'abc' AND grain = 'year' AND period_to = '2024' ORDER BY segment_from, segment_to`
    );
    // K1 (A in 2023, by 1 000 of 1 100) is lost; K2 (B: crossing 80 %, 90.9 %) stays in the class it has in 2024
    expect(flows).toEqual([
      {segment_from: "A", segment_to: "lost", customers: 1},
      {segment_from: "B", segment_to: "A", customers: 1}
    ]);
    // its credit note still counts: Σ segments of ABC 2024 = the lines of 2024
    const [{revenue}] = await db.query<{revenue: string}>(
      "SELECT sum(revenue)::VARCHAR AS revenue FROM segment_summary WHERE scheme = 'abc' AND grain = 'year' AND period = '2024'"
    );
    expect(revenue).toBe("0.0000");
    db.close();
  });

  it("measures recency up to the last day of data, not to the end of a year that is not over", async () => {
    const {db} = await warehouse([
      "2024-01-15,K1,A1,1,10.00,",
      "2024-12-01,K1,A1,1,10.00,",
      "2024-12-09,K2,A1,1,5.00,"
    ]);
    const rows = await db.query(
      "SELECT customer_id, recency_days FROM features WHERE grain = 'year' AND period = '2024' ORDER BY customer_id"
    );
    expect(rows).toEqual([
      {customer_id: "K1", recency_days: 8},
      {customer_id: "K2", recency_days: 0}
    ]);
    db.close();
  });
});

describe("cost to serve without rates (issue 10)", () => {
  it("gives a GBP dataset without rates or cost events no cost to serve: net contribution is gross margin", async () => {
    const {db} = await warehouse(["2024-01-15,K1,A1,2,100.00,30", "2024-02-15,K1,A1,1,50.00,30"]);
    const [row] = await db.query(
      `SELECT revenue::VARCHAR AS revenue, gross_margin::VARCHAR AS margin, cost_to_serve::VARCHAR AS cost,
              net_contribution::VARCHAR AS net FROM customer_period WHERE grain = 'year' AND period = '2024'`
    );
    // 150 − (2 + 1) × 30 = 60; no rates in GBP, no cost events: no cost to serve
    expect(row).toEqual({revenue: "150.0000", margin: "60.0000", cost: "0.0000", net: "60.0000"});
    db.close();
  });
});
