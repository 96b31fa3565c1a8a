/**
 * The report queries the pages read, on the six hand-built customers of test/support/six-customers.ts (revenue
 * 2024: C1 2 000, C2 500, C3 400, C4 200 − 100, C5 100, C6 5 000 private label; the numbers worked out by hand
 * in the comments, from the fixture's lines, costs and rates).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {REJECTS_SQL} from "../../loaders/extract/index.js";
import {createPublishedViews} from "../../loaders/privacy.js";
import {customerYears, latestYearCustomers} from "../../loaders/reports/customer-years.js";
import {kraljicIndex, kraljicRows, kraljicSummary} from "../../loaders/reports/kraljic.js";
import {migrationGrains, migrationRows} from "../../loaders/reports/migration.js";
import {overviewRows} from "../../loaders/reports/overview.js";
import {profitability} from "../../loaders/reports/profitability.js";
import {REPORT_GRAINS, segmentSummary} from "../../loaders/reports/segments.js";
import {sixCustomers, sixCustomerSettings} from "../support/six-customers.js";

let db: Database;

beforeAll(async () => {
  db = await sixCustomers();
  await db.run(REJECTS_SQL); // the fixture's rows were inserted, not loaded: nothing was rejected
  await createPublishedViews(db, sixCustomerSettings);
});

afterAll(() => db.close());

describe("report queries on six hand-built customers", () => {
  it("overview: revenue, share and margin per customer type in a year the data covers only in part", async () => {
    // Catalogue: 5 customers, 3 100 of 8 100 (0.382716); margin 900 + 200 + 200 + 40 + 40 = 1 380 (44.5161 %).
    // Private label: C6, 5 000 (0.617284), margin 5 000 − 100 × 30 = 2 000 (40 %).
    const rows = await overviewRows(db, sixCustomerSettings);
    expect(
      rows.map(({year, is_complete, customer_type, customers, revenue, gross_margin}) => ({
        year,
        is_complete,
        customer_type,
        customers,
        revenue,
        gross_margin
      }))
    ).toEqual([
      {year: "2024", is_complete: false, customer_type: "catalogue", customers: 5, revenue: 3100, gross_margin: 1380},
      {
        year: "2024",
        is_complete: false,
        customer_type: "private_label",
        customers: 1,
        revenue: 5000,
        gross_margin: 2000
      }
    ]);
    expect(rows[0].revenue_share).toBeCloseTo(3100 / 8100, 10);
    expect(rows[0].gross_margin_pct).toBeCloseTo(1380 / 3100, 10);
    expect(rows[1].gross_margin_pct).toBeCloseTo(0.4, 10);
    // the data runs from 10 January to 10 July: the label says so, not just "2024"
    expect(rows[0].year_label).not.toBe("2024");
    expect(rows[0].year_label).toMatch(/^2024/);
  });

  it("segment summary: ABC classes with their customers, revenue and cost to serve", async () => {
    // A: C6 5 000 + C1 2 000; B: C2 500 + C3 400; C: C4 100 + C5 100. Cost to serve: C1 1 170 + C6 8 160 = 9 330;
    // C2 160 + C3 320 = 480; C4 180 + C5 160 = 340.
    const abc = (await segmentSummary(db))
      .filter((r) => r.scheme === "abc" && r.grain === "year")
      .map(({segment, customers, revenue, cost_to_serve}) => ({segment, customers, revenue, cost_to_serve}));
    expect(abc).toEqual([
      {segment: "A", customers: 2, revenue: 7000, cost_to_serve: 9330},
      {segment: "B", customers: 2, revenue: 900, cost_to_serve: 480},
      {segment: "C", customers: 2, revenue: 200, cost_to_serve: 340}
    ]);
  });

  it("migration: the step into the second quarter, labelled and in order", async () => {
    // ABC in Q1 (C1 2 000, C2 500, C3 200): A, A, B. In Q2 (C1 2 000, C2 500, C3 400, C4 100, C5 100): A, A, B, B, C.
    const flows = (await migrationRows(db))
      .filter((r) => r.scheme === "abc" && r.grain === "quarter" && r.period_to === "2024-Q2")
      .map(({period_from, period_label, period_ord, segment_from, segment_to, customers}) => ({
        period_from,
        period_label,
        period_ord,
        segment_from,
        segment_to,
        customers
      }));
    const step = {period_from: "2024-Q1", period_label: "Q2 2024", period_ord: 2};
    expect(flows).toEqual([
      {...step, segment_from: "A", segment_to: "A", customers: 2},
      {...step, segment_from: "B", segment_to: "B", customers: 1},
      {...step, segment_from: "new", segment_to: "B", customers: 1},
      {...step, segment_from: "new", segment_to: "C", customers: 1}
    ]);
  });

  it("Kraljic: the private-label account placed by sales, with its revenue (and, in the engine, net contribution)", async () => {
    // C6: revenue 5 000, margin 2 000, cost to serve 8 160 → net contribution −6 160; the profile says strategic.
    const c6 = (await kraljicRows(db)).find((r) => r.customer_id === "C6")!;
    expect(c6).toMatchObject({
      period: "2024",
      customer: "C6",
      customer_type: "private_label",
      quadrant: "strategic",
      override: "strategic",
      revenue: 5000
    });
    const [c6Year] = await db.query<{net: number}>(
      "SELECT net_contribution::DOUBLE AS net FROM customer_period WHERE grain = 'year' AND period = '2024' AND customer_id = 'C6'"
    );
    expect(c6Year.net).toBe(-6160);
  });

  it("customer years: a customer's year with its figures and its segment in every scheme", async () => {
    // C1: 2 000 revenue, 900 margin, cost to serve 1 170, net −270; no name published, no sales rep in the data.
    // Tenure: the year 2024 ends with the data on 31 July; its 12 months begin before the data does: unknown.
    const c1 = (await customerYears(db)).find((r) => r.customer_id === "C1")!;
    expect(c1).toMatchObject({
      period: "2024",
      customer: "C1",
      sales_rep: "unknown",
      revenue: 2000,
      gross_margin: 900,
      cost_to_serve: 1170,
      net_contribution: -270,
      customer_type: "catalogue",
      org_type: "retailer",
      abc: "A",
      rfm: "Hibernating",
      tenure: "unknown",
      pl_micro: "(catalogue)"
    });
  });

  it("latest-year customers: the rows of the year of the as-of date only, by hand", async () => {
    // Two years of lines, the last on 9 December 2024: the headline year is 2024 (as of that date), or 2023 when
    // the settings put the as-of date in 2023. X is in both years, Y only in 2023.
    const tiny = await openDatabase();
    try {
      await tiny.run(
        `CREATE TABLE sales_lines AS SELECT * FROM (VALUES (DATE '2023-02-01'), (DATE '2024-12-09')) AS t(invoice_date)`
      );
      await tiny.run(`CREATE TABLE segment_membership AS SELECT * FROM (VALUES
        ('year', '2023', 'X', 'abc', 'A'), ('year', '2023', 'Y', 'abc', 'B'), ('year', '2024', 'X', 'abc', 'B'),
        ('quarter', '2024-Q4', 'X', 'abc', 'A')
      ) AS t(grain, period, customer_id, scheme, segment)`);
      await tiny.run(`CREATE TABLE customer_period AS SELECT * FROM (VALUES
        ('year', '2023', 'X', 10.0, 4.0, 1.0, 3.0), ('year', '2023', 'Y', 20.0, 5.0, 2.0, 3.0),
        ('year', '2024', 'X', 30.0, 6.0, 3.0, 3.0)
      ) AS t(grain, period, customer_id, revenue, gross_margin, cost_to_serve, net_contribution)`);
      await tiny.run(
        `CREATE TABLE published_customers AS SELECT 'X' AS customer_id, 'Xeno AB' AS customer, 'Anna' AS sales_rep`
      );
      const brief = (rows: Record<string, unknown>[]) =>
        rows.map(({period, customer_id, customer, abc, revenue}) => ({period, customer_id, customer, abc, revenue}));
      expect(brief(await latestYearCustomers(tiny, sixCustomerSettings))).toEqual([
        {period: "2024", customer_id: "X", customer: "Xeno AB", abc: "B", revenue: 30}
      ]);
      expect(brief(await latestYearCustomers(tiny, {...sixCustomerSettings, asOf: "2023-12-31"}))).toEqual([
        {period: "2023", customer_id: "X", customer: "Xeno AB", abc: "A", revenue: 10},
        {period: "2023", customer_id: "Y", customer: "Y", abc: "B", revenue: 20}
      ]);
      await tiny.run("DELETE FROM sales_lines");
      expect(await latestYearCustomers(tiny, sixCustomerSettings)).toEqual([]);
    } finally {
      tiny.close();
    }
  });

  it("profitability: cost to serve by driver and customer type, summing to every customer's cost", async () => {
    // Orders 7 × 100 (catalogue 6), lines 8 × 10 (7), deliveries one per order 7 × 50 (6), C4's return 20, C1's
    // visit 1 000 at the rate, C6's development project 8 000 as the event says: 10 150 = 1 170 + 160 + 320 +
    // 180 + 160 + 8 160.
    const {costs} = await profitability(db);
    const cost = (driver: string, type: string) =>
      (costs as {driver: string; customer_type: string; cost: number}[])
        .filter((c) => c.driver === driver && c.customer_type === type)
        .reduce((s, c) => s + c.cost, 0);
    expect(cost("order", "catalogue")).toBe(600);
    expect(cost("order", "private_label")).toBe(100);
    expect(cost("order_line", "catalogue")).toBe(70);
    expect(cost("delivery", "catalogue")).toBe(300);
    expect(cost("return", "catalogue")).toBe(20);
    expect(cost("sales_visit", "catalogue")).toBe(1000);
    expect(cost("development_project", "private_label")).toBe(8000);
    expect((costs as {cost: number}[]).reduce((s, c) => s + c.cost, 0)).toBe(10150);
  });

  it("narrow to what a page draws: the latest years, one grain, the scheme with a role", async () => {
    const all = await kraljicRows(db);
    expect(await kraljicRows(db, {latestYears: 1})).toEqual(all.filter((r) => r.period === "2024"));
    // the Kraljic page's index: the years the engine placed customers in, the types among them, an approach each
    const index = await kraljicIndex(db);
    const placedYears = await db.query<{period: string}>(
      "SELECT DISTINCT period FROM kraljic WHERE grain = 'year' ORDER BY period"
    );
    expect(index.years).toEqual(placedYears.map((r) => r.period));
    expect(index.customer_types).toEqual([...new Set(all.map((r) => r.customer_type))].sort());
    for (const r of all) expect(index.approaches[r.quadrant], r.quadrant).toBeTruthy();
    expect(await kraljicRows(db, {latestYears: 2})).toEqual(
      all.filter((r) => index.years.slice(-2).includes(r.period))
    );
    const flows = await migrationRows(db, {role: "lifecycle", grain: "quarter"});
    expect(flows.length).toBeGreaterThan(0);
    expect(new Set(flows.map((r) => `${r.scheme} ${r.grain}`))).toEqual(new Set(["rfm quarter"]));
    // the Migration page's index of its per-grain files: each scheme's grains, as every flow has them
    const everyFlow = await migrationRows(db);
    const grainsOf: Record<string, string[]> = {};
    for (const r of everyFlow) grainsOf[r.scheme] = [...new Set([...(grainsOf[r.scheme] ?? []), r.grain])].sort();
    expect(await migrationGrains(db)).toEqual(grainsOf);
    const byGrain = [];
    for (const grain of ["year", "season", "quarter"]) byGrain.push(...(await migrationRows(db, {grain})));
    expect(byGrain).toHaveLength(everyFlow.length);
    const years = await segmentSummary(db, {grains: ["year"]});
    expect(new Set(years.map((r) => r.grain))).toEqual(new Set(["year"]));
    expect(years).toEqual((await segmentSummary(db)).filter((r) => r.grain === "year"));
    // the Segments page's one file per grain: together, every row of the summary, each once
    const perGrain = [];
    for (const grain of REPORT_GRAINS) perGrain.push(...(await segmentSummary(db, {grains: [grain]})));
    expect(perGrain).toHaveLength((await segmentSummary(db)).length);
    expect(new Set(perGrain.map((r) => JSON.stringify(r)))).toEqual(
      new Set((await segmentSummary(db)).map((r) => JSON.stringify(r)))
    );
    const value = await segmentSummary(db, {grains: ["year", "quarter"], role: "value"});
    expect(new Set(value.map((r) => `${r.scheme} ${r.grain}`))).toEqual(new Set(["abc year", "abc quarter"]));
    expect(value).toEqual(
      (await segmentSummary(db)).filter((r) => r.scheme === "abc" && (r.grain === "year" || r.grain === "quarter"))
    );
    const every = await profitability(db);
    const latest = await profitability(db, {latestYears: 1});
    const in2024 = (rows: unknown[]) => (rows as {period: string}[]).filter((r) => r.period === "2024");
    expect(latest.whale.length).toBeGreaterThan(0);
    expect(latest).toEqual({
      ...every,
      whale: in2024(every.whale),
      concentration: in2024(every.concentration),
      lorenz: in2024(every.lorenz)
    });
  });

  it("Kraljic summary: the customers grouped on the grid add up to the placements, one by one", async () => {
    // Checked against the per-customer placements (another query): each customer in the cell its rounded scores
    // and quadrant name, and every cell's customers, overrides and revenue their sums.
    const {cells, spread} = await kraljicSummary(db, {latestYears: 2});
    const placements = await kraljicRows(db);
    const key = (period: string, quadrant: string, p: number, r: number) =>
      `${period} ${quadrant} ${Math.round(p * 20)} ${Math.round(r * 20)}`;
    const expected = new Map<string, {customers: number; overrides: number; revenue: number}>();
    for (const c of placements) {
      const k = key(c.period, c.quadrant, c.profit_impact, c.supply_risk);
      const cell = expected.get(k) ?? {customers: 0, overrides: 0, revenue: 0};
      expected.set(k, {
        customers: cell.customers + 1,
        overrides: cell.overrides + (c.override ? 1 : 0),
        revenue: cell.revenue + c.revenue
      });
    }
    expect(
      new Map(
        cells.map((c) => [
          key(c.period, c.quadrant, c.profit_impact, c.supply_risk),
          {customers: c.customers, overrides: c.overrides, revenue: c.revenue}
        ])
      )
    ).toEqual(expected);
    // C6, placed by sales, is the one override; six customers in 8 100 of revenue
    expect(cells.reduce((s, c) => s + c.overrides, 0)).toBe(1);
    expect(cells.reduce((s, c) => s + c.revenue, 0)).toBe(8100);
    expect(spread).toEqual([
      {
        period: "2024",
        customers: 6,
        supply_risk_min: Math.min(...placements.map((p) => p.supply_risk)),
        supply_risk_max: Math.max(...placements.map((p) => p.supply_risk))
      }
    ]);
  });

  it("Kraljic summary: moves between quadrants from one year to the next, by hand", async () => {
    // Three years; X stays strategic, Y moves leverage → routine → routine, Z is placed only in 2024 (no move),
    // W only in 2022. The latest two years hold one step: 2023 → 2024.
    const tiny = await openDatabase();
    try {
      await tiny.run(
        `CREATE TABLE periods AS SELECT * FROM (VALUES ('year', '2022', 1), ('year', '2023', 2), ('year', '2024', 3)) AS t(grain, period, ord)`
      );
      await tiny.run(
        `CREATE TABLE customer_period AS SELECT 'year' AS grain, '2024' AS period, 'X' AS customer_id, 10.0 AS revenue`
      );
      await tiny.run(`CREATE TABLE kraljic AS SELECT 'year' AS grain, * FROM (VALUES
        ('2022', 'X', 'strategic', 0.9, 0.9), ('2022', 'Y', 'leverage', 0.9, 0.1), ('2022', 'W', 'routine', 0.1, 0.1),
        ('2023', 'X', 'strategic', 0.9, 0.9), ('2023', 'Y', 'routine', 0.1, 0.1),
        ('2024', 'X', 'strategic', 0.9, 0.9), ('2024', 'Y', 'routine', 0.1, 0.1), ('2024', 'Z', 'bottleneck', 0.1, 0.9)
      ) AS t(period, customer_id, quadrant, profit_impact, supply_risk), (SELECT NULL::VARCHAR AS override)`);
      const {moves, cells} = await kraljicSummary(tiny, {latestYears: 2});
      expect(moves).toEqual([
        {period_from: "2023", period_to: "2024", quadrant_from: "routine", quadrant_to: "routine", customers: 1},
        {period_from: "2023", period_to: "2024", quadrant_from: "strategic", quadrant_to: "strategic", customers: 1}
      ]);
      expect(new Set(cells.map((c) => c.period))).toEqual(new Set(["2023", "2024"]));
      const all = (await kraljicSummary(tiny, {latestYears: 3})).moves;
      expect(all.filter((m) => m.period_to === "2023")).toEqual([
        {period_from: "2022", period_to: "2023", quadrant_from: "leverage", quadrant_to: "routine", customers: 1},
        {period_from: "2022", period_to: "2023", quadrant_from: "strategic", quadrant_to: "strategic", customers: 1}
      ]);
    } finally {
      tiny.close();
    }
  });
});
