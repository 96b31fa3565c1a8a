/**
 * The Catalogue page's cube (loaders/reports/catalogue.ts) on a dataset small enough to work out by hand: three
 * catalogue customers and one private-label customer in 2025. Every macro scheme counts each catalogue customer
 * once, by the filters' values; the private-label customer is in no row. A custom scheme for catalogue customers
 * is one of them.
 */
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {load, readDataset} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {catalogueCube, catalogueFilters, type CatalogueCubeRow} from "../../loaders/reports/catalogue.js";
import {runEngine} from "../../loaders/segmentation/index.js";
import {createPublishedViews} from "../../loaders/privacy.js";

let dir: string;
let db: Database;
let rows: CatalogueCubeRow[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-catalogue-"));
  await writeFile(
    join(dir, "customers.csv"),
    [
      "customer_id,customer_type,org_type,region,sales_rep",
      "K1,catalogue,retailer,north,Anna",
      "K2,catalogue,retailer,south,Bo",
      "K3,catalogue,sports_club,north,Anna",
      "K4,private_label,retailer,north,Anna"
    ].join("\n") + "\n"
  );
  await writeFile(
    join(dir, "lines.csv"),
    [
      "invoice_date,customer_id,article_id,quantity,net_amount,unit_cost",
      "2024-01-15,K2,A1,1,20.00,12", // a year before: outside 2025's 12 months
      "2025-02-01,K1,A1,1,100.00,60",
      "2025-05-01,K1,A1,1,300.00,180",
      "2025-03-01,K2,A1,1,50.00,30",
      "2025-04-01,K3,A1,2,1000.00,600",
      "2025-04-01,K4,A1,1,5000.00,3000"
    ].join("\n") + "\n"
  );
  await writeFile(
    join(dir, "segmentera.json"),
    JSON.stringify({
      tables: {customers: {file: "customers.csv"}, sales_lines: {file: "lines.csv"}},
      settings: {
        locale: "en-GB",
        currency: "GBP",
        // an analyst's catalogue scheme: a macro scheme like the built-in ones, on the Catalogue page too
        customSchemes: [
          {
            name: "big_buyers",
            label: "Big buyers",
            description: "400 or more in 12 months",
            sql: "CASE WHEN revenue_12m >= 400 THEN 'big' ELSE 'small' END",
            population: "catalogue",
            order: ["big", "small"]
          }
        ]
      }
    })
  );
  const dataset = await readDataset(dir);
  db = await openDatabase();
  await load(db, dataset, silentLogger);
  await runEngine(db, dataset.settings, silentLogger);
  await createPublishedViews(db, dataset.settings);
  rows = (await catalogueCube(db)).filter((r) => r.period === "2025");
});

afterAll(async () => {
  db?.close();
  await rm(dir, {recursive: true, force: true});
});

describe("the catalogue cube", () => {
  it("counts each catalogue customer once in every macro scheme, never a private-label one", async () => {
    const macro = await db.query<{scheme: string}>("SELECT scheme FROM schemes WHERE kind = 'macro' ORDER BY scheme");
    expect(macro.length).toBeGreaterThan(3);
    for (const {scheme} of macro) {
      const of = rows.filter((r) => r.scheme === scheme);
      expect(
        of.reduce((s, r) => s + r.customers, 0),
        scheme
      ).toBe(3);
      expect(
        of.reduce((s, r) => s + r.revenue, 0),
        scheme
      ).toBe(1450); // 400 + 50 + 1000
    }
  });

  it("splits by organisation type, region and sales rep as the customers file says", () => {
    const org = rows.filter((r) => r.scheme === "org_type");
    const sum = (test: (r: CatalogueCubeRow) => boolean) =>
      org.filter(test).reduce((s, r) => ({customers: s.customers + r.customers, revenue: s.revenue + r.revenue}), {
        customers: 0,
        revenue: 0
      });
    expect(sum((r) => r.segment === "retailer")).toEqual({customers: 2, revenue: 450});
    expect(sum((r) => r.segment === "sports_club")).toEqual({customers: 1, revenue: 1000});
    expect(sum((r) => r.region === "north")).toEqual({customers: 2, revenue: 1400}); // K1, K3 (K4 is private label)
    expect(sum((r) => r.sales_rep === "Bo")).toEqual({customers: 1, revenue: 50});
    expect(sum((r) => r.org_type === "retailer" && r.region === "north")).toEqual({customers: 1, revenue: 400});
  });

  it("offers the page its latest year's rows alone, and its filters' values over every year", async () => {
    const all = await catalogueCube(db);
    expect(new Set(all.map((r) => r.period))).toEqual(new Set(["2024", "2025"]));
    expect(await catalogueCube(db, {latestOnly: true})).toEqual(all.filter((r) => r.period === "2025"));
    expect(await catalogueFilters(db)).toEqual({
      years: ["2024", "2025"],
      org_type: ["retailer", "sports_club"],
      region: ["north", "south"],
      sales_rep: ["Anna", "Bo"]
    });
  });

  it("holds a custom catalogue scheme like a built-in one", async () => {
    const [kind] = await db.query<{kind: string}>("SELECT kind FROM schemes WHERE scheme = 'big_buyers'");
    expect(kind.kind).toBe("macro");
    const big = rows.filter((r) => r.scheme === "big_buyers");
    const of = (segment: string) => big.filter((r) => r.segment === segment);
    expect(of("big").reduce((s, r) => s + r.customers, 0)).toBe(2); // K1 400, K3 1000
    expect(of("big").reduce((s, r) => s + r.revenue, 0)).toBe(1400);
    expect(of("small").reduce((s, r) => s + r.customers, 0)).toBe(1); // K2 50
    // K4, private label, is in the remainder, which the cube leaves out
    const [remainder] = await db.query<{n: number}>(
      "SELECT count(*)::INTEGER AS n FROM segment_membership WHERE scheme = 'big_buyers' AND grain = 'year' AND period = '2025' AND segment = '(private label)'"
    );
    expect(remainder.n).toBe(1);
  });
});
