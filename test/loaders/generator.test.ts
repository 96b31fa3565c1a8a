/**
 * The sample generator: deterministic, and the business it writes has the shape the brief asks for.
 * Every expected figure is computed here from the raw CSV with plain JavaScript, not by the generator.
 */
import {createHash} from "node:crypto";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3-dsv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {generateSample, SAMPLE_FILES} from "../../loaders/generator/index.js";

let dir: string;
let other: string;
let lines: Record<string, string>[];
let customers: Map<string, Record<string, string>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-sample-"));
  other = await mkdtemp(join(tmpdir(), "segmentera-sample-"));
  await generateSample(dir, {seed: 7, scale: 1});
  lines = csvParse(await readFile(join(dir, "sales_lines.csv"), "utf8"));
  customers = new Map(csvParse(await readFile(join(dir, "customers.csv"), "utf8")).map((c) => [c.customer_id, c]));
}, 120_000);

afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
  await rm(other, {recursive: true, force: true});
});

const ore = (amount: string) => Math.round(Number(amount) * 100);

function revenueBy(key: (line: Record<string, string>) => string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(key(line), (totals.get(key(line)) ?? 0) + ore(line.net_amount));
  return totals;
}

describe("generateSample", () => {
  it("writes the same bytes for the same seed, and different bytes for another seed", async () => {
    const again = await mkdtemp(join(tmpdir(), "segmentera-sample-"));
    try {
      await generateSample(again, {seed: 7, scale: 1});
      await generateSample(other, {seed: 8, scale: 1});
      for (const file of SAMPLE_FILES) {
        expect(await digest(join(again, file)), file).toBe(await digest(join(dir, file)));
      }
      expect(await digest(join(other, "sales_lines.csv"))).not.toBe(await digest(join(dir, "sales_lines.csv")));
    } finally {
      await rm(again, {recursive: true, force: true});
    }
  }, 120_000);

  it("has 2,000–3,000 catalogue and 15–30 private-label customers, and about 500 catalogue articles", async () => {
    const types = [...customers.values()].map((c) => c.customer_type);
    const catalogue = types.filter((t) => t === "catalogue").length;
    const privateLabel = types.filter((t) => t === "private_label").length;
    expect(catalogue).toBeGreaterThanOrEqual(2000);
    expect(catalogue).toBeLessThanOrEqual(3000);
    expect(privateLabel).toBeGreaterThanOrEqual(15);
    expect(privateLabel).toBeLessThanOrEqual(30);
    const articles = csvParse(await readFile(join(dir, "articles.csv"), "utf8"));
    const catalogueArticles = articles.filter((a) => a.private_label === "false").length;
    expect(catalogueArticles).toBeGreaterThanOrEqual(450);
    expect(catalogueArticles).toBeLessThanOrEqual(550);
    expect(new Set(articles.map((a) => a.assortment))).toEqual(new Set(["basic", "fashion"]));
  });

  it("spans seven years of about 100 MSEK, private label 35–45 % of every year", () => {
    const byYear = revenueBy((l) => l.invoice_date.slice(0, 4));
    const plByYear = revenueBy((l) => `${l.invoice_date.slice(0, 4)} ${customers.get(l.customer_id)!.customer_type}`);
    expect([...byYear.keys()].sort()).toEqual(["2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    for (const [year, total] of byYear) {
      if (year !== "2020") {
        expect(total / 100, year).toBeGreaterThan(90e6);
        expect(total / 100, year).toBeLessThan(115e6);
      }
      const share = (plByYear.get(`${year} private_label`) ?? 0) / total;
      expect(share, year).toBeGreaterThanOrEqual(0.35);
      expect(share, year).toBeLessThanOrEqual(0.45);
    }
  });

  it("computes every net amount as round(quantity × unit price × (1 − discount/100), 2)", () => {
    const wrong = lines.filter((l) => {
      const exact = (Number(l.quantity) * ore(l.unit_price) * (100 - Number(l.discount_pct))) / 100;
      return Math.sign(exact) * Math.round(Math.abs(exact)) !== ore(l.net_amount);
    });
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("references only customers, articles and orders that exist, and has returns", async () => {
    const articles = new Set(csvParse(await readFile(join(dir, "articles.csv"), "utf8")).map((a) => a.article_id));
    const orders = new Set(csvParse(await readFile(join(dir, "orders.csv"), "utf8")).map((o) => o.order_id));
    expect(lines.filter((l) => !customers.has(l.customer_id)).length).toBe(0);
    expect(lines.filter((l) => !articles.has(l.article_id)).length).toBe(0);
    expect(lines.filter((l) => !orders.has(l.order_id)).length).toBe(0);
    const returns = lines.filter((l) => Number(l.quantity) < 0).length;
    expect(returns / lines.length).toBeGreaterThan(0.01);
  });

  it("has the 2020 shock: sports clubs, hospitality and promo fall to ≤ 70 %, workwear within ±15 %", () => {
    const byTypeYear = revenueBy((l) => `${customers.get(l.customer_id)!.org_type} ${l.invoice_date.slice(0, 4)}`);
    const hit = (year: string) =>
      ["sports_club", "hospitality", "profile_promo"].reduce((s, t) => s + (byTypeYear.get(`${t} ${year}`) ?? 0), 0);
    expect(hit("2020") / hit("2019")).toBeLessThanOrEqual(0.7);
    const workwear = byTypeYear.get("workwear_dealer 2020")! / byTypeYear.get("workwear_dealer 2019")!;
    expect(Math.abs(workwear - 1)).toBeLessThanOrEqual(0.15);
  });

  it("acquires and loses customers every year, and some change between basic and fashion", async () => {
    const articles = new Map(
      csvParse(await readFile(join(dir, "articles.csv"), "utf8")).map((a) => [a.article_id, a.assortment])
    );
    const years = new Map<string, Set<string>>();
    const fashion = new Map<string, [number, number]>();
    for (const l of lines) {
      const year = l.invoice_date.slice(0, 4);
      if (!years.has(year)) years.set(year, new Set());
      years.get(year)!.add(l.customer_id);
      const key = `${l.customer_id} ${year}`;
      const [f, t] = fashion.get(key) ?? [0, 0];
      fashion.set(key, [f + (articles.get(l.article_id) === "fashion" ? ore(l.net_amount) : 0), t + ore(l.net_amount)]);
    }
    const sorted = [...years.keys()].sort();
    for (let i = 1; i < sorted.length; i++) {
      const before = years.get(sorted[i - 1])!;
      const now = years.get(sorted[i])!;
      expect([...now].filter((c) => !before.has(c)).length, `new in ${sorted[i]}`).toBeGreaterThan(20);
      expect([...before].filter((c) => !now.has(c)).length, `lost in ${sorted[i]}`).toBeGreaterThan(20);
    }
    const profile = (id: string, year: string) => {
      const [f, t] = fashion.get(`${id} ${year}`) ?? [0, 0];
      return t > 0 ? (f / t >= 0.5 ? "fashion" : f / t >= 0.2 ? "mixed" : "basic") : undefined;
    };
    const switched = [...customers.keys()].filter((id) => {
      const first = profile(id, "2019");
      const last = profile(id, "2025");
      return first && last && ((first === "basic" && last === "fashion") || (first === "fashion" && last === "basic"));
    });
    expect(switched.length).toBeGreaterThan(10);
  });
});

async function digest(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}
