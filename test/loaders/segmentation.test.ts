/**
 * The segmentation engine on a hand-built extract of six customers in 2024, where every expected number is
 * worked out by hand in the comments; and, on the generated sample, the sums that must hold exactly.
 */
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {load, readDataset} from "../../loaders/extract/index.js";
import {generateSample} from "../../loaders/generator/index.js";
import {silentLogger} from "../../loaders/log.js";
import {createTableSql, TABLE_ORDER, TABLES} from "../../loaders/schema.js";
import {exploreCustomerPeriod} from "../../loaders/reports/explore.js";
import {runEngine} from "../../loaders/segmentation/index.js";
import {EngineError} from "../../loaders/segmentation/errors.js";
import {SCHEME_ROLES} from "../../loaders/segmentation/schemes.js";
import {periodsOfMonth, twinGrains} from "../../loaders/segmentation/periods.js";
import {DEFAULT_SETTINGS, mergeSettings} from "../../loaders/settings.js";
import {sixCustomers, sixCustomerSettings} from "../support/six-customers.js";

const settings = sixCustomerSettings;

let db: Database;

beforeAll(async () => {
  db = await sixCustomers();
});

afterAll(() => db.close());

async function segments(scheme: string, grain: string, period: string): Promise<Record<string, string>> {
  const rows = await db.query<{customer_id: string; segment: string}>(
    "SELECT customer_id, segment FROM segment_membership WHERE scheme = $scheme AND grain = $grain AND period = $period ORDER BY customer_id",
    {scheme, grain, period}
  );
  return Object.fromEntries(rows.map((r) => [r.customer_id, r.segment]));
}

describe("periodsOfMonth", () => {
  it("places months in quarters, catalogue seasons and fiscal years", () => {
    const fiscal = mergeSettings(DEFAULT_SETTINGS, {
      fiscalYearStartMonth: 5,
      seasons: [
        {name: "SS", startMonth: 2},
        {name: "AW", startMonth: 8}
      ]
    });
    expect(periodsOfMonth(2024, 1, fiscal)).toEqual({
      month: {id: "2024-01", label: "2024-01"},
      quarter: {id: "2024-Q1", label: "Q1 2024"},
      season: {id: "2023-AW", label: "AW 2023"}, // January is before SS starts in February
      year: {id: "2024", label: "2024"},
      fiscal_year: {id: "FY2023/24", label: "FY2023/24"}
    });
    expect(periodsOfMonth(2024, 8, fiscal).season.id).toBe("2024-AW");
    expect(periodsOfMonth(2024, 5, fiscal).fiscal_year.id).toBe("FY2024/25");
  });
});

describe("runEngine on six hand-built customers", () => {
  it("lists the periods the data covers, the year incomplete because the data ends in July", async () => {
    expect(await db.query("SELECT grain, count(*)::INTEGER AS n FROM periods GROUP BY grain ORDER BY grain")).toEqual([
      {grain: "fiscal_year", n: 1},
      {grain: "month", n: 7},
      {grain: "quarter", n: 3},
      {grain: "season", n: 2},
      {grain: "year", n: 1}
    ]);
    expect(await db.query("SELECT is_complete FROM periods WHERE grain = 'year'")).toEqual([{is_complete: false}]);
  });

  it("computes revenue net of returns, gross margin and activity-based cost to serve", async () => {
    // C1: revenue 2 000, goods 10×60 + 5×100 = 1 100; cost to serve 1 order × 100 + 2 lines × 10 + 1 delivery × 50
    //     + 1 sales visit × 1 000 = 1 170; net contribution 2 000 − 1 100 − 1 170 = −270.
    // C4: revenue 200 − 100 = 100, goods 2×60 − 1×60 = 60; 100 + 10 + 50 + 1 return × 20 = 180; 100 − 60 − 180 = −140.
    // C6: revenue 5 000, goods 3 000; 100 + 10 + 50 + the development project's actual 8 000 = 8 160; −6 160.
    const rows = await db.query(
      `SELECT customer_id, revenue::VARCHAR AS revenue, gross_margin::VARCHAR AS gross_margin, cost_to_serve::VARCHAR AS cost_to_serve,
              net_contribution::VARCHAR AS net_contribution, orders, lines, returns, cost_to_serve_source
       FROM customer_period WHERE grain = 'year' AND customer_id IN ('C1', 'C4', 'C6') ORDER BY customer_id`
    );
    expect(rows).toEqual([
      {
        customer_id: "C1",
        revenue: "2000.0000",
        gross_margin: "900.0000",
        cost_to_serve: "1170.0000",
        net_contribution: "-270.0000",
        orders: 1,
        lines: 2,
        returns: 0,
        cost_to_serve_source: "rates"
      },
      {
        customer_id: "C4",
        revenue: "100.0000",
        gross_margin: "40.0000",
        cost_to_serve: "180.0000",
        net_contribution: "-140.0000",
        orders: 1,
        lines: 1,
        returns: 1,
        cost_to_serve_source: "rates"
      },
      {
        customer_id: "C6",
        revenue: "5000.0000",
        gross_margin: "2000.0000",
        cost_to_serve: "8160.0000",
        net_contribution: "-6160.0000",
        orders: 1,
        lines: 1,
        returns: 0,
        cost_to_serve_source: "mixed"
      }
    ]);
  });

  it("shares: C1 buys half fashion; C6 only private label", async () => {
    expect(
      await db.query(
        "SELECT customer_id, fashion_share, private_label_share FROM customer_period WHERE grain = 'year' AND customer_id IN ('C1', 'C6') ORDER BY 1"
      )
    ).toEqual([
      {customer_id: "C1", fashion_share: 0.5, private_label_share: 0},
      {customer_id: "C6", fashion_share: 0, private_label_share: 1}
    ]);
  });

  it("classifies ABC with the crossing customer in the lower-letter class", async () => {
    // Revenue 12 m: C6 5 000, C1 2 000, C2 500, C3 400, C4 100, C5 100 (total 8 100). Cumulative share before
    // each: C6 0 → A; C1 0.617 → A; C2 0.864 → B; C3 0.926 → B; C4 0.975 → C; C5 0.988 → C.
    expect(await segments("abc", "year", "2024")).toEqual({C1: "A", C2: "B", C3: "B", C4: "C", C5: "C", C6: "A"});
  });

  it("scores RFM quintiles with ties broken by rank, and names the cells", async () => {
    // Recency (days to 2024-12-31): C1 356, C2 325, C4 265, C5 235, C3 204, C6 174 → R 1,1,2,3,4,5.
    // Orders: all 1 but C3 (2); ties by customer id → F: C1 1, C2 1, C4 2, C5 3, C6 4, C3 5.
    expect(
      await db.query("SELECT customer_id, r, f FROM rfm_scores WHERE grain = 'year' ORDER BY customer_id")
    ).toEqual([
      {customer_id: "C1", r: 1, f: 1},
      {customer_id: "C2", r: 1, f: 1},
      {customer_id: "C3", r: 4, f: 5},
      {customer_id: "C4", r: 2, f: 2},
      {customer_id: "C5", r: 3, f: 3},
      {customer_id: "C6", r: 5, f: 4}
    ]);
    expect(await segments("rfm", "year", "2024")).toEqual({
      C1: "Hibernating",
      C2: "Hibernating",
      C3: "Loyal",
      C4: "Hibernating",
      C5: "Need attention",
      C6: "Champions"
    });
  });

  it("puts private-label customers in the remainder segment of catalogue-only schemes", async () => {
    expect(await segments("org_type", "year", "2024")).toEqual({
      C1: "retailer",
      C2: "sports_club",
      C3: "retailer",
      C4: "unknown",
      C5: "hospitality",
      C6: "(private label)"
    });
    expect(await segments("assortment_profile", "year", "2024")).toMatchObject({
      C1: "fashion",
      C2: "basic",
      C3: "fashion"
    });
  });

  it("classifies every other built-in scheme as worked out by hand", async () => {
    const PL = "(private label)";
    expect(await segments("customer_type", "year", "2024")).toEqual({
      C1: "catalogue",
      C2: "catalogue",
      C3: "catalogue",
      C4: "catalogue",
      C5: "catalogue",
      C6: "private_label"
    });
    // employees 5, 200, 12, none, 40 (default size classes 1–9, 10–49, 50–249, 250+)
    expect(await segments("size_class", "year", "2024")).toEqual({
      C1: "micro (1–9)",
      C2: "medium (50–249)",
      C3: "small (10–49)",
      C4: "unknown",
      C5: "small (10–49)",
      C6: PL
    });
    expect(await segments("region", "year", "2024")).toEqual({
      C1: "Skåne",
      C2: "Norrland",
      C3: "Skåne",
      C4: "unknown",
      C5: "Stockholm",
      C6: PL
    });
    // orders in 12 months: C3 two, the others one (C4's credit note belongs to its order); breaks 2, 4, 12
    expect(await segments("frequency_class", "year", "2024")).toEqual({
      C1: "occasional (0–1)",
      C2: "occasional (0–1)",
      C3: "few (2–3)",
      C4: "occasional (0–1)",
      C5: "occasional (0–1)",
      C6: PL
    });
    // average order value 2 000, 500, 200, 100, 100: quartiles of the catalogue customers 100, 200, 500, so
    // medium from 100, large from 200, very large from 500
    const orderValue = await segments("order_value_class", "year", "2024");
    expect(orderValue.C6).toBe(PL);
    expect(Object.fromEntries(Object.entries(orderValue).map(([c, s]) => [c, s.replace(/ \(.*\)$/, "")]))).toEqual({
      C1: "very large",
      C2: "very large",
      C3: "large",
      C4: "medium",
      C5: "medium",
      C6: PL
    });
    // the channel of most revenue: C1 and C5 on the web, the others by phone
    expect(await segments("main_channel", "year", "2024")).toEqual({
      C1: "web",
      C2: "phone",
      C3: "phone",
      C4: "phone",
      C5: "web",
      C6: PL
    });
    // net contribution: C2 +40 is the only profitable customer, the top 20 % (rank 1 of 6); C3 −120 (two orders),
    // C5 −120, C4 −140, C1 −270, C6 −6 160 lose money
    expect(await segments("profitability_tier", "year", "2024")).toEqual({
      C1: "loss-making",
      C2: "top 20 %",
      C3: "loss-making",
      C4: "loss-making",
      C5: "loss-making",
      C6: "loss-making"
    });
    // C6, the one private-label customer, has a profile: a partner whose first criterion is design
    expect(await segments("pl_micro", "year", "2024")).toEqual({
      C1: "(catalogue)",
      C2: "(catalogue)",
      C3: "(catalogue)",
      C4: "(catalogue)",
      C5: "(catalogue)",
      C6: "design partners"
    });
  });

  it("applies the account profile's Kraljic override and gives the approach", async () => {
    const [c6] = await db.query<{quadrant: string; override: string; approach: string}>(
      "SELECT quadrant, override, approach FROM kraljic WHERE grain = 'year' AND customer_id = 'C6'"
    );
    expect(c6.quadrant).toBe("strategic");
    expect(c6.override).toBe("strategic");
    expect(c6.approach).toMatch(/^Co-creation and outsourcing/);
  });

  it("counts migration between quarters, with new customers", async () => {
    // ABC in Q1 (C1 2 000, C2 500, C3 200): A, A, B. In Q2 (C1 2 000, C2 500, C3 400, C4 100, C5 100): A, A, B, B, C.
    expect(
      await db.query(
        "SELECT segment_from, segment_to, customers FROM migration WHERE scheme = 'abc' AND grain = 'quarter' AND period_to = '2024-Q2' ORDER BY 1, 2"
      )
    ).toEqual([
      {segment_from: "A", segment_to: "A", customers: 2},
      {segment_from: "B", segment_to: "B", customers: 1},
      {segment_from: "new", segment_to: "B", customers: 1},
      {segment_from: "new", segment_to: "C", customers: 1}
    ]);
  });

  it("measures concentration: Gini 0.6235 and the top-20 % share of revenue", async () => {
    // Ascending 100, 100, 400, 500, 2 000, 5 000: Gini = 2·43 500 / (6·8 100) − 7/6 = 0.623457;
    // top 20 % = ceil(1.2) = 2 customers = 7 000 / 8 100 = 0.864198.
    const [all] = await db.query<{customers: number; gini: number; top20pct_share: number}>(
      "SELECT customers, gini, top20pct_share FROM concentration"
    );
    expect(all.customers).toBe(6);
    expect(all.gini).toBeCloseTo(0.623457, 6);
    expect(all.top20pct_share).toBeCloseTo(0.864198, 6);
    // The Lorenz curve between the customers' own points: at 25 % of 6 customers, the first 1.5 (100 + half of
    // 100 = 150); at 50 %, the first 3 (600); at 90 %, the first 5.4 (3 100 + 0.4 × 5 000 = 5 100), of 8 100.
    const lorenz = await db.query<{share: number}>(
      "SELECT revenue_share AS share FROM lorenz WHERE customer_share IN (0.25, 0.5, 0.9) ORDER BY customer_share"
    );
    expect(lorenz.map((r) => r.share)).toEqual([150 / 8100, 600 / 8100, 5100 / 8100].map((x) => expect.closeTo(x, 9)));
  });

  it("draws one customer's Lorenz and whale curves as the diagonal, not as a step", async () => {
    const one = await openDatabase();
    for (const name of TABLE_ORDER) await one.run(createTableSql(TABLES[name]));
    await one.run("INSERT INTO customers (customer_id, customer_type) VALUES ('K1', 'catalogue')");
    await one.run(`INSERT INTO sales_lines (invoice_date, customer_id, article_id, quantity, net_amount) VALUES
      ('2024-02-10', 'K1', 'A1', 1, 300), ('2024-09-20', 'K1', 'A2', 2, 500)`);
    await runEngine(one, settings, silentLogger);
    const rows = await one.query<{k: number; lorenz: number; whale: number}>(
      `SELECT l.customer_share AS k, l.revenue_share AS lorenz, w.net_contribution_share AS whale
       FROM lorenz AS l JOIN whale AS w USING (period, customer_share)
       WHERE l.customer_share IN (0, 0.25, 0.5, 1) ORDER BY k`
    );
    one.close();
    expect(rows).toEqual([
      {k: 0, lorenz: 0, whale: 0},
      {k: 0.25, lorenz: expect.closeTo(0.25, 9), whale: expect.closeTo(0.25, 9)},
      {k: 0.5, lorenz: expect.closeTo(0.5, 9), whale: expect.closeTo(0.5, 9)},
      {k: 1, lorenz: expect.closeTo(1, 9), whale: expect.closeTo(1, 9)}
    ]);
  });

  it("sums every scheme's segments to the period's revenue, to the öre", async () => {
    const mismatches = await db.query(
      `SELECT s.scheme, s.grain, s.period, sum(s.revenue)::VARCHAR AS segments, any_value(t.revenue)::VARCHAR AS total
       FROM segment_summary AS s
       JOIN (SELECT grain, period, sum(revenue) AS revenue FROM customer_period GROUP BY ALL) AS t USING (grain, period)
       GROUP BY ALL HAVING sum(s.revenue) <> any_value(t.revenue)`
    );
    expect(mismatches).toEqual([]);
  });

  it("gives each role pages pick schemes by to exactly one scheme", async () => {
    const rows = await db.query<{role: string; schemes: number}>(
      "SELECT role, count(*)::INTEGER AS schemes FROM schemes WHERE role IS NOT NULL GROUP BY role ORDER BY role"
    );
    expect(rows).toEqual([...SCHEME_ROLES].sort().map((role) => ({role, schemes: 1})));
  });
});

describe("runEngine on the generated sample", () => {
  let sample: Database;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-engine-"));
    await generateSample(dir, {seed: 3, scale: 0.3});
    const {writeFile, readFile} = await import("node:fs/promises");
    await writeFile(
      join(dir, "segmentera.json"),
      await readFile(join(import.meta.dirname, "..", "..", "data", "sample", "segmentera.json"))
    );
    sample = await openDatabase();
    await load(sample, await readDataset(dir), silentLogger);
    await runEngine(sample, DEFAULT_SETTINGS, silentLogger);
  }, 180_000);

  afterAll(async () => {
    sample?.close();
    await rm(dir, {recursive: true, force: true});
  });

  it("reconciles: per scheme and period Σ segments = total = the accepted sales lines of the period, to the öre", async () => {
    const mismatches = await sample.query(
      `WITH lines AS (
         SELECT m.grain, m.period, sum(l.net_amount) AS revenue
         FROM sales_lines AS l JOIN month_map AS m ON m.month = date_trunc('month', l.invoice_date)
         GROUP BY ALL
       )
       SELECT s.scheme, s.grain, s.period, sum(s.revenue)::VARCHAR AS segments, any_value(l.revenue)::VARCHAR AS lines
       FROM segment_summary AS s JOIN lines AS l USING (grain, period)
       GROUP BY ALL HAVING sum(s.revenue) <> any_value(l.revenue)`
    );
    expect(mismatches).toEqual([]);
    // every scheme of the schemes table is summed, and no other
    const summed = await sample.query("SELECT DISTINCT scheme FROM segment_summary ORDER BY scheme");
    expect(summed).toEqual(await sample.query("SELECT scheme FROM schemes ORDER BY scheme"));
  }, 60_000);

  it("shares of customers and revenue sum to one per scheme and period", async () => {
    const off = await sample.query(
      `SELECT scheme, grain, period, sum(customer_share) AS c, sum(revenue_share) AS r FROM segment_summary
       GROUP BY ALL HAVING abs(sum(customer_share) - 1) > 1e-9 OR abs(sum(revenue_share) - 1) > 1e-9`
    );
    expect(off).toEqual([]);
  });

  it("migration conserves customers: Σ from a segment = its members, Σ into a segment = its members next period", async () => {
    const off = await sample.query(
      `WITH m AS (SELECT * FROM migration WHERE grain = 'year'),
       out_of AS (SELECT scheme, period_from AS period, segment_from AS segment, sum(customers) AS n FROM m WHERE segment_from <> 'new' GROUP BY ALL),
       members AS (SELECT scheme, period, segment, customers AS n FROM segment_summary WHERE grain = 'year')
       SELECT * FROM out_of JOIN members USING (scheme, period, segment) WHERE out_of.n <> members.n`
    );
    expect(off).toEqual([]);
    // and the other direction: every customer of a segment came from somewhere (a segment, or new)
    const [into] = await sample.query<{compared: number; off: number}>(
      `WITH m AS (SELECT * FROM migration WHERE grain = 'year'),
       into_segment AS (SELECT scheme, period_to AS period, segment_to AS segment, sum(customers) AS n FROM m WHERE segment_to <> 'lost' GROUP BY ALL),
       members AS (SELECT scheme, period, segment, customers AS n FROM segment_summary WHERE grain = 'year')
       SELECT count(*)::INTEGER AS compared, count(*) FILTER (WHERE into_segment.n <> members.n)::INTEGER AS off
       FROM into_segment JOIN members USING (scheme, period, segment)`
    );
    expect(into.off).toBe(0);
    expect(into.compared).toBeGreaterThan(100);
  });
});

describe("custom schemes", () => {
  it("classify every customer with the analyst's expression and list it in the schemes table", async () => {
    const custom = mergeSettings(settings, {
      customSchemes: [
        {
          name: "big_buyer",
          label: "Big buyers",
          description: "2 000 or more in 12 months",
          sql: "CASE WHEN revenue_12m >= 2000 THEN 'big' ELSE 'small' END",
          order: ["big", "small"]
        },
        {
          name: "repeat_buyer",
          label: "Repeat buyers",
          description: "as many orders as the first frequency break or more",
          sql: "CASE WHEN orders_12m >= getvariable('frequency_breaks')[1] THEN 'repeat' ELSE 'once' END"
        }
      ]
    });
    await runEngine(db, custom, silentLogger);
    // revenue in 2024 by hand: C1 2 000, C2 500, C3 400, C4 200 − 100, C5 100, C6 5 000
    expect(await segments("big_buyer", "year", "2024")).toEqual({
      C1: "big",
      C2: "small",
      C3: "small",
      C4: "small",
      C5: "small",
      C6: "big"
    });
    // the settings' first frequency break is 2: only C3 (two orders) reaches it
    expect(Object.values(await segments("repeat_buyer", "year", "2024"))).toEqual([
      "once",
      "once",
      "repeat",
      "once",
      "once",
      "once"
    ]);
    const [row] = await db.query("SELECT label, kind, segment_order FROM schemes WHERE scheme = 'big_buyer'");
    expect(row).toEqual({label: "Big buyers", kind: "custom", segment_order: '["big","small"]'});
  });

  it("stop with an EngineError naming the scheme when its SQL fails", async () => {
    const broken = mergeSettings(settings, {
      customSchemes: [{name: "broken", label: "Broken", description: "", sql: "no_such_column > 1"}]
    });
    const error = await runEngine(db, broken, silentLogger).then(
      () => null,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).rule).toBe("bad_custom_scheme");
    expect((error as EngineError).message).toMatch(/segmentera\.json, column "broken": the custom scheme's SQL fails/);
    await runEngine(db, settings, silentLogger); // leave the engine's tables as the other tests expect them
  });

  it("stop with an EngineError naming the rate when the costs to serve at the rates would overflow", async () => {
    // the orders counted by hand from the sales lines: one per customer, month and order (or invoice) with a
    // positive quantity; the largest rate segmentera.json accepts times them is beyond what the warehouse holds
    const [{orders}] = await db.query<{orders: number}>(
      `SELECT count(*)::INTEGER AS orders FROM (
         SELECT DISTINCT customer_id, date_trunc('month', invoice_date), coalesce(order_id, invoice_id, invoice_date::VARCHAR)
         FROM sales_lines WHERE quantity > 0)`
    );
    const dear = mergeSettings(settings, {costRates: {order: 99_999_999_999_999}});
    const error = await runEngine(db, dear, silentLogger).then(
      () => null,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).rule).toBe("amount_overflow");
    expect((error as EngineError).message).toContain('segmentera.json, column "settings.costRates.order"');
    expect((error as EngineError).message).toContain(`the largest: ${orders} × 99999999999999 for order`);
    await runEngine(db, settings, silentLogger); // leave the engine's tables as the other tests expect them
  });
});

describe("hard-to-substitute articles (Kraljic's substitutability)", () => {
  it("are the private-label articles and those bought by at most three customers, counted by hand", async () => {
    const articles = await openDatabase();
    for (const name of TABLE_ORDER) await articles.run(createTableSql(TABLES[name]));
    await articles.run(`INSERT INTO customers (customer_id, customer_type) VALUES
      ('K1', 'catalogue'), ('K2', 'catalogue'), ('K3', 'catalogue'), ('K4', 'catalogue'), ('K5', 'catalogue')`);
    await articles.run(`INSERT INTO articles (article_id, private_label) VALUES
      ('X0', false), ('X1', false), ('X2', false), ('X3', false), ('X4', false), ('X5', false), ('PL', true)`);
    // buyers: X0 none; X1 K3 (three lines); X2 K5 and K1; X3 K1, K3 (twice, one a return) and K5; X4 K1 to K4;
    // X5 K1 to K5; PL K1 to K5 (private label)
    const lines = [
      ["X1", "K3"],
      ["X1", "K3"],
      ["X1", "K3"],
      ["X2", "K5"],
      ["X2", "K1"],
      ["X3", "K1"],
      ["X3", "K3"],
      ["X3", "K3", -1],
      ["X3", "K5"],
      ["X4", "K1"],
      ["X4", "K2"],
      ["X4", "K3"],
      ["X4", "K4"],
      ...["K1", "K2", "K3", "K4", "K5"].flatMap((k) => [
        ["X5", k],
        ["PL", k]
      ])
    ] as [string, string, number?][];
    await articles.run(
      `INSERT INTO sales_lines (invoice_date, customer_id, article_id, quantity, net_amount) VALUES ${lines
        .map(([article, customer, sign = 1]) => `('2024-03-01', '${customer}', '${article}', ${sign}, ${sign * 100})`)
        .join(", ")}`
    );
    await runEngine(articles, settings, silentLogger);
    const hard = await articles.query<{article_id: string}>("SELECT article_id FROM hard_to_substitute ORDER BY 1");
    // at most three buyers: X0 (0), X1 (1), X2 (2), X3 (3); X4 (4) and X5 (5) are not; PL is private label
    expect(hard.map((r) => r.article_id)).toEqual(["PL", "X0", "X1", "X2", "X3"]);
    articles.close();
  });
});

describe("the tenure scheme (new vs established)", () => {
  it("tells new from established customers at each year end, and says unknown where the data began too late", async () => {
    const tenure = await openDatabase();
    for (const name of TABLE_ORDER) await tenure.run(createTableSql(TABLES[name]));
    await tenure.run(`INSERT INTO customers (customer_id, customer_type) VALUES
      ('E1', 'catalogue'), ('N1', 'catalogue'), ('B1', 'catalogue'), ('P1', 'private_label')`);
    // The data runs from 2022-03-01 to 2024-12-15 (a period ends on its last month's end: 2024 on 2024-12-31).
    // E1 first buys on 2022-03-01; B1 on 2023-12-31 (a year to the day before the 2024 year end); N1 on
    // 2024-01-01; P1 is private label.
    await tenure.run(`INSERT INTO sales_lines (invoice_date, customer_id, article_id, quantity, net_amount) VALUES
      ('2022-03-01', 'E1', 'A1', 1, 100), ('2024-12-15', 'E1', 'A1', 1, 100),
      ('2023-12-31', 'B1', 'A1', 1, 100), ('2024-02-01', 'B1', 'A1', 1, 100),
      ('2024-01-01', 'N1', 'A1', 1, 100),
      ('2022-05-01', 'P1', 'A1', 1, 100), ('2024-05-01', 'P1', 'A1', 1, 100)`);
    await runEngine(tenure, settings, silentLogger);
    const at = async (period: string) =>
      Object.fromEntries(
        (
          await tenure.query<{customer_id: string; segment: string}>(
            "SELECT customer_id, segment FROM segment_membership WHERE scheme = 'tenure' AND grain = 'year' AND period = $period ORDER BY 1",
            {period}
          )
        ).map((r) => [r.customer_id, r.segment])
      );
    // 2024 year end: 12 months back is 2023-12-31. E1 first bought 2022-03-01 (established); B1 on 2023-12-31,
    // exactly 12 months before (established); N1 within the year (first year).
    expect(await at("2024")).toEqual({B1: "established", E1: "established", N1: "first-year", P1: "(private label)"});
    // 2023 year end: only B1 bought in 2023 (E1 and P1 are not active then); its first order is within the 12
    // months and the data began before they did (2022-12-31), so B1 is in its first year.
    expect(await at("2023")).toEqual({B1: "first-year"});
    // 2022 year end: the 12 months begin on 2021-12-31, before the data: E1 may have bought earlier (unknown).
    expect(await at("2022")).toEqual({E1: "unknown", P1: "(private label)"});
    tenure.close();
  });
});

describe("customer-period facts on other calendars", () => {
  /**
   * One customer's lines, the engine run with `overrides`: each period's revenue and lines (customer_period), and
   * the distinct articles the Explore page's table counts for its grains (year and season).
   */
  async function facts(overrides: Parameters<typeof mergeSettings>[1]) {
    const calendar = await openDatabase();
    for (const name of TABLE_ORDER) await calendar.run(createTableSql(TABLES[name]));
    await calendar.run("INSERT INTO customers (customer_id, customer_type) VALUES ('K1', 'catalogue')");
    await calendar.run(`INSERT INTO sales_lines (invoice_date, customer_id, article_id, quantity, net_amount) VALUES
      ('2023-11-05', 'K1', 'A1', 1, 100), ('2024-01-10', 'K1', 'A1', 1, 100), ('2024-01-20', 'K1', 'A2', 2, 400),
      ('2024-03-05', 'K1', 'A2', 1, 200), ('2024-06-05', 'K1', 'A3', -1, -50)`);
    await runEngine(calendar, mergeSettings(settings, overrides), silentLogger);
    const rows = await calendar.query<{grain: string; period: string; revenue: string; lines: number}>(
      `SELECT grain, period, revenue::VARCHAR AS revenue, lines FROM customer_period ORDER BY grain, period`
    );
    const explored = (await exploreCustomerPeriod(calendar)) as {
      grain: string;
      period: string;
      distinct_articles: number;
    }[];
    const twins = Object.fromEntries(await twinGrains(calendar));
    calendar.close();
    return {
      twins,
      rows: rows.map((r) => `${r.grain} ${r.period}: ${r.revenue} kr, ${r.lines} lines`),
      articles: explored.map((r) => `${r.grain} ${r.period}: ${r.distinct_articles}`)
    };
  }

  it("sum each period's own months, where a fiscal year and a season differ from the calendar", async () => {
    // Fiscal years from March: FY2023/24 = Mar 2023 – Feb 2024 holds November and January (A1 twice, A2);
    // FY2024/25 holds March and June (A2, and A3 returned: a return line, not a line bought). Season JAN is January
    // alone; REST is February to December. Months: only the last (June 2024), the one month a page reads here (the
    // month a year before it is outside the data).
    const {twins, rows, articles} = await facts({
      fiscalYearStartMonth: 3,
      seasons: [
        {name: "JAN", startMonth: 1},
        {name: "REST", startMonth: 2}
      ]
    });
    expect(twins).toEqual({}); // no grain repeats another's periods
    expect(rows).toEqual([
      "fiscal_year FY2023/24: 600.0000 kr, 3 lines",
      "fiscal_year FY2024/25: 150.0000 kr, 1 lines",
      "month 2024-06: -50.0000 kr, 0 lines",
      "quarter 2023-Q4: 100.0000 kr, 1 lines",
      "quarter 2024-Q1: 700.0000 kr, 3 lines",
      "quarter 2024-Q2: -50.0000 kr, 0 lines",
      "season 2023-REST: 100.0000 kr, 1 lines",
      "season 2024-JAN: 500.0000 kr, 2 lines",
      "season 2024-REST: 150.0000 kr, 1 lines",
      "year 2023: 100.0000 kr, 1 lines",
      "year 2024: 650.0000 kr, 3 lines"
    ]);
    // Distinct articles, returns included: 2024 holds A1, A2 and A3; season REST 2024 holds A2 (March) and A3 (June).
    expect(articles).toEqual([
      "season 2023-REST: 1",
      "season 2024-JAN: 2",
      "season 2024-REST: 2",
      "year 2023: 1",
      "year 2024: 3"
    ]);
  });

  it("give a fiscal year that starts in January the same facts as its calendar year", async () => {
    const {twins, rows} = await facts({
      fiscalYearStartMonth: 1,
      seasons: [
        {name: "SS", startMonth: 2},
        {name: "AW", startMonth: 8}
      ]
    });
    expect(twins).toEqual({fiscal_year: "year"}); // its figures are computed for the year and copied
    expect(rows.filter((r) => r.startsWith("fiscal_year"))).toEqual([
      "fiscal_year FY2023: 100.0000 kr, 1 lines",
      "fiscal_year FY2024: 650.0000 kr, 3 lines"
    ]);
    expect(rows.filter((r) => r.startsWith("year"))).toEqual([
      "year 2023: 100.0000 kr, 1 lines",
      "year 2024: 650.0000 kr, 3 lines"
    ]);
  });
});
