/**
 * The seeded sample customer database: a simulation of the wholesaler in ./model.ts, written as the canonical
 * extract format (loaders/schema.ts) in UTF-8 CSV, exactly as a user would drop their own exports into data/.
 *
 * Same seed and scale ⇒ byte-identical files. `scale` multiplies customers (and so history density).
 */
import {createWriteStream, type WriteStream} from "node:fs";
import {mkdir, rename, stat} from "node:fs/promises";
import {join} from "node:path";
import {silentLogger, type Logger} from "../log.js";
import {TABLES, type TableName} from "../schema.js";
import {
  CATALOGUE_REVENUE,
  CATEGORIES,
  COLOURS,
  CRITERIA,
  DECISION_ROLES,
  FIRST_NAMES,
  FIRST_YEAR,
  LAST_YEAR,
  MONTH_WEIGHTS,
  NOTES,
  ORG_TYPES,
  PLACES,
  PRIVATE_LABEL_NAMES,
  PRIVATE_LABEL_REVENUE,
  REGIONS,
  RELATIONSHIP_STAGES,
  SHOCK_YEAR,
  SURNAMES,
  type OrgType
} from "./model.js";
import {Random} from "./random.js";

export const DEFAULT_SEED = 20260101;

export const SAMPLE_FILES = [
  "customers.csv",
  "articles.csv",
  "sales_lines.csv",
  "orders.csv",
  "cost_events.csv",
  "account_profiles.csv"
] as const;

export interface SampleOptions {
  seed?: number;
  /** Multiplies customers; default $SEGMENTERA_SCALE or 1. */
  scale?: number;
}

export interface SampleStats {
  customers: number;
  articles: number;
  salesLines: number;
  orders: number;
  costEvents: number;
  profiles: number;
  years: number[];
  bytes: number;
}

interface Article {
  id: string;
  name: string;
  category: string;
  assortment: "basic" | "fashion";
  privateLabel: boolean;
  priceOre: number;
  costOre: number;
}

interface Customer {
  id: string;
  name: string;
  orgNumber: string;
  type: "catalogue" | "private_label";
  org: OrgType | undefined;
  employees: number;
  region: string;
  rep: string;
  created: string;
  /** Active from year … to year (inclusive). */
  firstYear: number;
  lastYear: number;
  /** Annual spend target in SEK before shock and trend. */
  spend: number;
  orders: number;
  fashion: number;
  channel: string;
  discount: number;
  /** Behaviour change: from this year spend is multiplied by `drift` per year, fashion share shifts. */
  changeYear: number;
  drift: number;
  fashionShift: number;
  webSwitch: boolean;
  ownArticles: Article[];
}

/**
 * Generate the sample into `dir` (created if missing). Files are written to temporary names and renamed when
 * complete, so a killed run never leaves a half-written extract behind.
 * @example await generateSample("data/sample") // {customers: 2567, salesLines: 5xx xxx, …}
 */
export async function generateSample(
  dir: string,
  options: SampleOptions = {},
  log: Logger = silentLogger
): Promise<SampleStats> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? Number(process.env.SEGMENTERA_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`SEGMENTERA_SCALE must be a positive number, got ${process.env.SEGMENTERA_SCALE}`);
  await mkdir(dir, {recursive: true});
  const random = new Random(seed);
  const articles = makeArticles(random);
  const customers = makeCustomers(random, scale);
  const catalogueArticles = articles.filter((a) => !a.privateLabel);
  log.info(
    `sample: ${customers.length} customers, ${articles.length + customers.reduce((s, c) => s + c.ownArticles.length, 0)} articles, years ${FIRST_YEAR}–${LAST_YEAR}, scale ${scale}`
  );

  const writers = Object.fromEntries(SAMPLE_FILES.map((file) => [file, new CsvWriter(join(dir, file))])) as Record<
    (typeof SAMPLE_FILES)[number],
    CsvWriter
  >;
  for (const file of SAMPLE_FILES) writers[file].header(sampleColumns(file));

  for (const a of [...articles, ...customers.flatMap((c) => c.ownArticles)]) {
    await writers["articles.csv"].row({
      article_id: a.id,
      article_name: a.name,
      category: a.category,
      assortment: a.assortment,
      private_label: a.privateLabel ? "true" : "false",
      list_price: money(a.priceOre),
      unit_cost: money(a.costOre)
    });
  }
  for (const c of customers) {
    await writers["customers.csv"].row({
      customer_id: c.id,
      customer_name: c.name,
      org_number: c.orgNumber,
      customer_type: c.type,
      org_type: c.org?.id ?? "private_label_account",
      employees: String(c.employees),
      region: c.region,
      sales_rep: c.rep,
      created_date: c.created
    });
  }

  let orderNumber = 100000;
  let invoiceNumber = 500000;
  let salesLines = 0;
  let orders = 0;
  let costEvents = 0;
  for (const year of years()) {
    for (const c of customers) {
      if (year < c.firstYear || year > c.lastYear) continue;
      const spend = c.spend * yearFactor(c, year);
      const orderCount = Math.max(1, random.poisson(c.orders * Math.min(1.5, Math.max(0.4, yearFactor(c, year)))));
      const fashion = clamp(c.fashion + (year >= c.changeYear ? c.fashionShift : 0), 0, 0.95);
      const channel = c.webSwitch && year >= c.changeYear ? "web" : webAdoption(random, c.channel, year);
      for (let o = 0; o < orderCount; o++) {
        const date = orderDate(random, year, c);
        if (!date) continue;
        const orderId = `O${++orderNumber}`;
        const invoiceId = `F${++invoiceNumber}`;
        const orderValue = (spend / orderCount) * random.uniform(0.6, 1.4);
        const lineCount = Math.max(
          1,
          Math.min(25, Math.round(random.lognormal(c.type === "private_label" ? 8 : 4, 0.5)))
        );
        const deliveries = orderValue > 60000 ? random.int(1, 3) : orderValue > 15000 ? random.int(1, 2) : 1;
        await writers["orders.csv"].row({
          order_id: orderId,
          customer_id: c.id,
          order_date: date,
          channel,
          deliveries: String(deliveries)
        });
        orders++;
        for (let l = 0; l < lineCount; l++) {
          const article =
            c.type === "private_label" && c.ownArticles.length && random.chance(0.8)
              ? random.pick(c.ownArticles)
              : pickArticle(random, catalogueArticles, fashion);
          const discount = c.type === "private_label" ? 0 : clamp(c.discount + random.int(-2, 2), 0, 25);
          const unitNet = (article.priceOre * (100 - discount)) / 100 / 100;
          const quantity = Math.max(1, Math.round(orderValue / lineCount / Math.max(1, unitNet)));
          const netOre = roundHalfAway((quantity * article.priceOre * (100 - discount)) / 100);
          await writers["sales_lines.csv"].row({
            invoice_id: invoiceId,
            order_id: orderId,
            invoice_date: date,
            customer_id: c.id,
            article_id: article.id,
            quantity: String(quantity),
            unit_price: money(article.priceOre),
            discount_pct: String(discount),
            net_amount: money(netOre),
            unit_cost: money(article.costOre),
            channel,
            sales_rep: c.rep
          });
          salesLines++;
          // A return: a credit note some weeks later for part of the line.
          if (random.chance(0.025)) {
            const returnDate = addDays(date, random.int(7, 40));
            if (returnDate <= `${LAST_YEAR}-12-31`) {
              const returned = Math.max(1, Math.round(quantity * random.uniform(0.1, 1)));
              const creditOre = -roundHalfAway((returned * article.priceOre * (100 - discount)) / 100);
              await writers["sales_lines.csv"].row({
                invoice_id: `C${++invoiceNumber}`,
                order_id: orderId,
                invoice_date: returnDate,
                customer_id: c.id,
                article_id: article.id,
                quantity: String(-returned),
                unit_price: money(article.priceOre),
                discount_pct: String(discount),
                net_amount: money(creditOre),
                unit_cost: money(article.costOre),
                channel,
                sales_rep: c.rep
              });
              await writers["cost_events.csv"].row({
                customer_id: c.id,
                event_date: returnDate,
                kind: "return",
                count: "1"
              });
              salesLines++;
              costEvents++;
            }
          }
        }
        if (random.chance(0.04)) {
          await writers["cost_events.csv"].row({
            customer_id: c.id,
            event_date: addDays(date, 45),
            kind: "reminder",
            count: "1"
          });
          costEvents++;
        }
      }
      const visits =
        c.type === "private_label"
          ? random.int(6, 12)
          : c.channel === "rep_visit"
            ? random.int(3, 7)
            : spend > 80000
              ? random.int(1, 2)
              : 0;
      for (let v = 0; v < visits; v++) {
        const date = orderDate(random, year, c);
        if (!date) continue;
        await writers["cost_events.csv"].row({customer_id: c.id, event_date: date, kind: "sales_visit", count: "1"});
        costEvents++;
      }
      if (c.type === "private_label") {
        for (let p = random.int(1, 4); p > 0; p--) {
          const date = orderDate(random, year, c);
          if (!date) continue;
          await writers["cost_events.csv"].row({
            customer_id: c.id,
            event_date: date,
            kind: "development_project",
            count: "1",
            cost: money(random.int(20, 80) * 1000 * 100)
          });
          costEvents++;
        }
      }
    }
  }

  let profiles = 0;
  for (const c of customers.filter((x) => x.type === "private_label")) {
    const roles = [...DECISION_ROLES].sort(() => random.next() - 0.5).slice(0, random.int(1, 4));
    const primary = random.pick(CRITERIA);
    const secondary = random.pick(CRITERIA.filter((x) => x !== primary));
    const monthsOld = random.weighted([
      [random.int(0, 5), 0.6],
      [random.int(6, 18), 0.4]
    ] as const);
    const updated = addDays(`${LAST_YEAR}-12-31`, -monthsOld * 30 - random.int(0, 20));
    const stage = c.lastYear < LAST_YEAR ? "at_risk" : random.pick(RELATIONSHIP_STAGES.filter((s) => s !== "prospect"));
    const override = random.chance(0.2) ? random.pick(["strategic", "bottleneck", "leverage"]) : "";
    const contact = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
    await writers["account_profiles.csv"].row({
      customer_id: c.id,
      updated_date: updated,
      relationship_stage: stage,
      decision_makers: roles.join("; "),
      buying_center_size: String(roles.length + random.int(0, 3)),
      primary_criterion: primary,
      secondary_criterion: secondary,
      kraljic_override: override,
      contact_person: contact,
      notes: random.pick(NOTES)
    });
    profiles++;
  }

  let bytes = 0;
  for (const file of SAMPLE_FILES) bytes += await writers[file].close();
  return {
    customers: customers.length,
    articles: articles.length + customers.reduce((s, c) => s + c.ownArticles.length, 0),
    salesLines,
    orders,
    costEvents,
    profiles,
    years: years(),
    bytes
  };
}

function years(): number[] {
  return Array.from({length: LAST_YEAR - FIRST_YEAR + 1}, (_, i) => FIRST_YEAR + i);
}

function makeArticles(random: Random): Article[] {
  const articles: Article[] = [];
  let n = 10001;
  for (const category of CATEGORIES) {
    for (let i = 0; i < category.count; i++) {
      // Catalogue prices end in 9 kronor: 39, 129, 1 499 …
      const priceOre = (Math.round(random.uniform(...category.price) / 10) * 10 - 1) * 100;
      const margin = random.uniform(...category.margin);
      articles.push({
        id: `A${n++}`,
        name: `${random.pick(category.names)} ${random.pick(COLOURS)}`,
        category: category.id,
        assortment: category.assortment,
        privateLabel: false,
        priceOre,
        costOre: Math.round(priceOre * (1 - margin))
      });
    }
  }
  return articles;
}

function makeCustomers(random: Random, scale: number): Customer[] {
  const customers: Customer[] = [];
  let n = 10001;
  const catalogueCount = Math.round(2800 * scale);
  const orgNumbers = new Set<string>();
  const orgNumber = () => {
    for (;;) {
      const value = `556${random.int(100, 999)}-${random.int(1000, 9999)}`;
      if (!orgNumbers.has(value)) return (orgNumbers.add(value), value);
    }
  };
  const names = new Set<string>();
  const uniqueName = (make: () => string) => {
    for (let attempt = 0; ; attempt++) {
      const name = attempt < 5 ? make() : `${make()} ${attempt}`;
      if (!names.has(name)) return (names.add(name), name);
    }
  };
  for (let i = 0; i < catalogueCount; i++) {
    const org = random.weighted(ORG_TYPES.map((o) => [o, o.weight] as const));
    const [region, , rep] = random.weighted(REGIONS.map((r) => [r, r[1]] as const));
    // About 75 % exist when the history starts; the rest are acquired year by year.
    const firstYear = random.chance(0.75) ? FIRST_YEAR : random.int(FIRST_YEAR + 1, LAST_YEAR);
    const churnRate = 0.06;
    let lastYear = LAST_YEAR;
    for (let y = firstYear; y < LAST_YEAR; y++) {
      const rate = y === SHOCK_YEAR && org.shock[0] < 0.6 ? churnRate * 2.5 : churnRate;
      if (random.chance(rate)) {
        lastYear = y;
        break;
      }
    }
    const employees = Math.max(1, Math.round(random.lognormal(org.employees, 0.9)));
    const sizeFactor = Math.pow(employees / org.employees, 0.35);
    const willChange = random.chance(0.3);
    customers.push({
      id: `K${n++}`,
      name: uniqueName(() => catalogueName(random, org)),
      orgNumber: orgNumber(),
      type: "catalogue",
      org,
      employees,
      region,
      rep,
      created: `${firstYear === FIRST_YEAR ? random.int(2005, FIRST_YEAR - 1) : firstYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
      firstYear,
      lastYear,
      spend: org.spend * sizeFactor * random.lognormal(1, 0.8),
      orders: org.orders * random.lognormal(1, 0.4),
      fashion: clamp(org.fashion + random.normal() * 0.12, 0, 0.9),
      channel: random.weighted([
        ["phone", 0.35],
        ["web", 0.3],
        ["rep_visit", 0.25],
        ["edi", employees > 100 && org.id === "workwear_dealer" ? 0.4 : 0.02]
      ] as const),
      discount: random.int(0, 15) + (employees > 150 ? 5 : 0),
      changeYear: willChange ? random.int(FIRST_YEAR + 1, LAST_YEAR) : 9999,
      drift: willChange ? random.pick([0.6, 0.75, 1.3, 1.5]) : 1,
      fashionShift: willChange && random.chance(0.5) ? random.pick([-0.3, 0.35]) : 0,
      webSwitch: willChange && random.chance(0.4),
      ownArticles: []
    });
  }
  normaliseSpend(customers, CATALOGUE_REVENUE * scale);

  const privateLabelCount = Math.round(22 * scale);
  const privateLabel: Customer[] = [];
  for (let i = 0; i < privateLabelCount; i++) {
    const [region, , rep] = random.weighted(REGIONS.map((r) => [r, r[1]] as const));
    const base = PRIVATE_LABEL_NAMES[i % PRIVATE_LABEL_NAMES.length];
    const name = uniqueName(() =>
      i < PRIVATE_LABEL_NAMES.length ? base : `${base.replace(/ AB$/, "")} ${random.pick(PLACES)} AB`
    );
    const id = `K${n++}`;
    const firstYear = i < privateLabelCount * 0.8 ? FIRST_YEAR : random.int(FIRST_YEAR + 1, LAST_YEAR - 1);
    const lastYear = random.chance(0.1) ? random.int(FIRST_YEAR + 3, LAST_YEAR - 1) : LAST_YEAR;
    const ownArticles: Article[] = [];
    const category = random.pick(CATEGORIES);
    for (let a = random.int(5, 15); a > 0; a--) {
      const priceOre = Math.round(random.uniform(category.price[0] * 0.8, category.price[1] * 0.9)) * 100;
      ownArticles.push({
        id: `PL${id.slice(1)}-${pad(a)}`,
        name: `PL ${random.pick(category.names)} ${name.split(" ")[0]}`,
        category: category.id,
        assortment: random.chance(0.3) ? "fashion" : "basic",
        privateLabel: true,
        priceOre,
        costOre: Math.round(priceOre * (1 - random.uniform(0.2, 0.3)))
      });
    }
    const willChange = random.chance(0.35);
    privateLabel.push({
      id,
      name,
      orgNumber: orgNumber(),
      type: "private_label",
      org: undefined,
      employees: Math.round(random.lognormal(900, 0.8)),
      region,
      rep,
      created: `${firstYear === FIRST_YEAR ? random.int(2008, FIRST_YEAR - 1) : firstYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
      firstYear,
      lastYear,
      spend: random.lognormal(1, 0.6),
      orders: random.uniform(10, 20),
      fashion: random.uniform(0.05, 0.4),
      channel: random.chance(0.6) ? "edi" : "phone",
      discount: 0,
      changeYear: willChange ? random.int(FIRST_YEAR + 1, LAST_YEAR) : 9999,
      drift: willChange ? random.pick([0.7, 0.85, 1.15, 1.3]) : 1,
      fashionShift: 0,
      webSwitch: false,
      ownArticles
    });
  }
  normaliseSpend(privateLabel, PRIVATE_LABEL_REVENUE * scale);
  return [...customers, ...privateLabel];
}

/** Scale spend so the customers active in the first year add up to the target revenue. */
function normaliseSpend(customers: Customer[], target: number): void {
  const total = customers.filter((c) => c.firstYear === FIRST_YEAR).reduce((s, c) => s + c.spend, 0);
  const factor = (target * 0.97) / total;
  for (const c of customers) c.spend *= factor;
}

/** Spend multiplier for a customer in a year: market growth, the shock, and the customer's own drift. */
function yearFactor(c: Customer, year: number): number {
  let factor = Math.pow(1.01, year - FIRST_YEAR);
  const since = year - SHOCK_YEAR;
  if (c.org && since >= 0 && since < 3) factor *= c.org.shock[since];
  if (!c.org && year === SHOCK_YEAR) factor *= 0.85; // private label dips less: hotels and travel cut back
  if (year >= c.changeYear) factor *= c.drift;
  return factor;
}

/** Web ordering grows over the years: some phone customers move to the web shop. */
function webAdoption(random: Random, channel: string, year: number): string {
  return channel === "phone" && random.chance(0.04 * (year - FIRST_YEAR)) ? "web" : channel;
}

function pickArticle(random: Random, articles: Article[], fashionShare: number): Article {
  const wantFashion = random.chance(fashionShare);
  for (let attempt = 0; attempt < 20; attempt++) {
    const a = random.pick(articles);
    if ((a.assortment === "fashion") === wantFashion) return a;
  }
  return random.pick(articles);
}

function orderDate(random: Random, year: number, c: Customer): string | undefined {
  const month = random.weighted(MONTH_WEIGHTS.map((w, i) => [i + 1, w] as const));
  const date = `${year}-${pad(month)}-${pad(random.int(1, 28))}`;
  const created = c.created.slice(0, 4) === String(year) ? c.created : "";
  return created && date < created ? undefined : date;
}

function catalogueName(random: Random, org: OrgType): string {
  const place = random.pick(PLACES);
  const prefix = random.pick(org.names.prefixes);
  const suffix = random.pick(org.names.suffixes);
  switch (org.id) {
    case "sports_club":
      return `${prefix} ${place}`;
    case "public_sector":
      return `${prefix} ${place}`;
    case "hospitality":
      return `${prefix} ${random.pick(["Sjöudden", "Kronan", "Eken", "Havsbris", "Fjällgården", place])} ${suffix}`.trim();
    default:
      return `${random.pick(SURNAMES)}s ${prefix} ${suffix}`.trim();
  }
}

function money(ore: number): string {
  const sign = ore < 0 ? "-" : "";
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The columns the generator writes to a file: the canonical columns, less the optional ones the sample leaves out.
 * Rows are written by column name, so a column added to loaders/schema.ts is an empty column, never a shift.
 */
const NOT_IN_SAMPLE = new Set(["cost_amount", "margin_amount"]);

function sampleColumns(file: (typeof SAMPLE_FILES)[number]): string[] {
  return TABLES[file.replace(".csv", "") as TableName].columns.map((c) => c.name).filter((c) => !NOT_IN_SAMPLE.has(c));
}

/**
 * Buffered CSV writing with backpressure; quotes fields that need it (RFC 4180). A row is a record by column name:
 * a column it does not give is empty, a name that is not a column is an error.
 */
class CsvWriter {
  private chunks: string[] = [];
  private size = 0;
  private stream: WriteStream;
  private temporary: string;

  constructor(private path: string) {
    this.temporary = `${path}.tmp`;
    this.stream = createWriteStream(this.temporary, {encoding: "utf8"});
  }

  private columns: string[] = [];

  header(columns: string[]): void {
    this.columns = columns;
    this.chunks.push(columns.join(",") + "\n");
  }

  async row(record: Record<string, string>): Promise<void> {
    const unknown = Object.keys(record).filter((name) => !this.columns.includes(name));
    if (unknown.length) throw new Error(`${this.path}: ${unknown.join(", ")} is not a column of the file`);
    const line = this.columns.map((name) => quote(record[name] ?? "")).join(",") + "\n";
    this.chunks.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  async close(): Promise<number> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
    );
    await rename(this.temporary, this.path);
    return (await stat(this.path)).size;
  }
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
