/**
 * Segment schemes: each a named, documented definition that classifies every active customer (the
 * `features` rows) in every period. A definition is data: its population, its segments in display order, and
 * the expression that gives a customer's segment; `schemeSql` compiles every definition, built-in or custom, to
 * one query returning (grain, period, customer_id, segment). Schemes restricted to one population put everyone
 * else in an explicit remainder segment, so that the sum over a scheme's segments always equals the period's
 * total. Segment colours are not part of a definition: the palette (src/components/palette.ts) gives each
 * colour one meaning across every scheme.
 */
import {quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import type {CustomScheme, Settings} from "../settings.js";
import {perPeriodViewSql} from "./features.js";

/**
 * What a page uses a scheme for, so that pages and report queries pick schemes by role (or by kind), never by id:
 * the customer type, the organisation type (the Catalogue page's trend), value classes (ABC), the customer life
 * cycle (RFM), profit tiers (the whale curve's bands), the buyer's view of us (Kraljic) and the private-label
 * micro-segments. One scheme has each role.
 */
export const SCHEME_ROLES = [
  "customer_type",
  "organisation",
  "value",
  "lifecycle",
  "profit",
  "supplier_view",
  "micro"
] as const;
export type SchemeRole = (typeof SCHEME_ROLES)[number];

/** SQL for the id of the scheme with a role (report queries run after the engine has written `schemes`). */
export function schemeWithRole(role: SchemeRole): string {
  return `(SELECT scheme FROM schemes WHERE role = '${role}')`;
}

export interface SchemeDefinition {
  id: string;
  /** What pages use it for (built-in schemes); see SchemeRole. */
  role?: SchemeRole;
  label: string;
  description: string;
  kind: "type" | "macro" | "value" | "profitability" | "kraljic" | "micro" | "custom";
  /** The customers the scheme classifies; the others are in the population's remainder segment. */
  population: Population;
  /** Display order of segments (fixes colours on every page); the remainder and NO_REVENUE follow. */
  order: string[];
  /**
   * Segments that are values of the data (organisation types, regions, channels) rather than defined classes:
   * those not in `order` come first, by revenue over all years, largest first; `order` then lists the tail.
   */
  byRevenue?: boolean;
  /** A customer's segment: an SQL expression over the columns of `source`. */
  segment: string;
  /** The rows the expression reads, one per grain × period × customer (default: features). */
  source?: SchemeSource;
  /**
   * Classifies buying behaviour: only customers with positive revenue in the 12-month window are in it, so a
   * customer with nothing but a credit note or a cost event in the window is lost, not moved (docs/domain.md).
   */
  revenueBased?: boolean;
}

/** Remainder segments of population-restricted schemes. */
export const NOT_CATALOGUE = "(private label)";
export const NOT_PRIVATE_LABEL = "(catalogue)";
/**
 * The segment of a behaviour scheme for a customer active in the window (a cost event, a credit note) but with
 * no positive revenue: it is not classified by behaviour, and migration counts it as lost (docs/domain.md).
 */
export const NO_REVENUE = "(no revenue)";

/** Who a scheme classifies: everyone active, or one customer type (the others form its remainder segment). */
export type Population = "all" | "catalogue" | "private_label";
export const POPULATIONS: Record<Population, {label: string; remainder: string | null}> = {
  all: {label: "all active customers", remainder: null},
  catalogue: {label: "catalogue customers", remainder: NOT_CATALOGUE},
  private_label: {label: "private-label customers", remainder: NOT_PRIVATE_LABEL}
};

/**
 * The rows a scheme's expression may read, each keyed by grain, period and customer_id: the features, the
 * features with a rank (ABC's revenue share before the customer, the profit tiers' rank share), the RFM
 * scores, the Kraljic placements, or the features with the account profile sales keep.
 */
const SOURCES = {
  features: "features",
  revenue_rank: `(SELECT f.*, r.before_share FROM features AS f LEFT JOIN feature_ranks AS r USING (end_date, customer_id))`,
  contribution_rank: `(SELECT f.*, r.rank_share FROM features AS f LEFT JOIN feature_ranks AS r USING (end_date, customer_id))`,
  rfm_scores: "rfm_scores",
  kraljic: "kraljic",
  profiles: `(SELECT f.*, p.customer_id IS NOT NULL AS has_profile, p.relationship_stage, p.primary_criterion
    FROM features AS f LEFT JOIN account_profiles AS p USING (customer_id))`
};
export type SchemeSource = keyof typeof SOURCES;

/** The segment expression of a scheme over its source's columns: its population's remainder set apart. */
function segmentExpression(scheme: SchemeDefinition): string {
  const {remainder} = POPULATIONS[scheme.population];
  return remainder
    ? `CASE WHEN customer_type = '${scheme.population}' THEN ${scheme.segment} ELSE ${quoteLiteral(remainder)} END`
    : scheme.segment;
}

/**
 * The query of a scheme: (grain, period, customer_id, segment) for every active customer in every classified
 * period. Outside the population: the remainder segment; without positive revenue in the window, for a
 * behaviour scheme: NO_REVENUE.
 */
export function schemeSql(scheme: SchemeDefinition): string {
  const classified = `SELECT grain, period, customer_id, (${segmentExpression(scheme)})::VARCHAR AS segment FROM ${SOURCES[scheme.source ?? "features"]}`;
  if (!scheme.revenueBased) return classified;
  return `SELECT f.grain, f.period, f.customer_id,
            CASE WHEN f.revenue_12m > 0 THEN s.segment ELSE ${quoteLiteral(NO_REVENUE)} END AS segment
          FROM features AS f LEFT JOIN (${classified}) AS s USING (grain, period, customer_id)`;
}

/** Sources whose rows are the features rows, each with columns added (one per customer, grain and period). */
const FEATURE_ROWS: SchemeSource[] = ["features", "revenue_rank", "contribution_rank", "profiles"];

/** The sources that are the same for every period ending on the same day, by the table that holds them per end. */
const BY_END: Partial<Record<SchemeSource, string>> = {rfm_scores: "rfm_by_end"};

/**
 * Whether a scheme has exactly one segment per features row (a features-like source, or a behaviour scheme,
 * which classifies every features row) and reads nothing that differs between periods ending on the same day,
 * so that classifySql can compute it in its one pass.
 */
export function classifiesFeatureRows(scheme: SchemeDefinition): boolean {
  const source = scheme.source ?? "features";
  return FEATURE_ROWS.includes(source) || (Boolean(scheme.revenueBased) && source in BY_END);
}

/**
 * One pass over the features of each period end that classifies every scheme given (each classifiesFeatureRows)
 * into `segments_by_end`: one row per end and customer, with the segment of each scheme in a column named after
 * it; the view `scheme_segments` gives them to every period ending then (features.ts: feature_periods). The
 * sources' added columns are computed once for all schemes; a scheme over another source (RFM scores) is joined
 * by key.
 */
export function classifySql(schemes: SchemeDefinition[]): string[] {
  const sources = new Set(schemes.map((s) => s.source ?? "features"));
  const joined = schemes.filter((s) => !FEATURE_ROWS.includes(s.source ?? "features"));
  const ranked = sources.has("revenue_rank") || sources.has("contribution_rank");
  const added = [
    ...(sources.has("revenue_rank") ? ["r.before_share"] : []),
    ...(sources.has("contribution_rank") ? ["r.rank_share"] : []),
    ...(sources.has("profiles")
      ? ["p.customer_id IS NOT NULL AS has_profile", "p.relationship_stage", "p.primary_criterion"]
      : []),
    ...joined.map((s, i) => `j${i}.segment AS __joined_${i}`)
  ].filter(Boolean);
  const segment = (scheme: SchemeDefinition) => {
    const i = joined.indexOf(scheme);
    const classified = i >= 0 ? `__joined_${i}` : `(${segmentExpression(scheme)})::VARCHAR`;
    return scheme.revenueBased
      ? `CASE WHEN revenue_12m > 0 THEN ${classified} ELSE ${quoteLiteral(NO_REVENUE)} END`
      : classified;
  };
  return [
    `CREATE OR REPLACE TABLE segments_by_end AS
SELECT end_date, customer_id, ${schemes.map((s) => `${segment(s)} AS ${quoteIdent(s.id)}`).join(",\n  ")}
FROM (
  SELECT f.*${added.map((a) => `,\n    ${a}`).join("")}
  FROM features_by_end AS f
  ${ranked ? "LEFT JOIN feature_ranks AS r ON r.end_date = f.end_date AND r.customer_id = f.customer_id" : ""}
  ${sources.has("profiles") ? "LEFT JOIN account_profiles AS p ON p.customer_id = f.customer_id" : ""}
  ${joined
    .map(
      (s, i) =>
        `LEFT JOIN (SELECT end_date, customer_id, (${segmentExpression(s)})::VARCHAR AS segment FROM ${BY_END[s.source!]}) AS j${i}
     ON j${i}.end_date = f.end_date AND j${i}.customer_id = f.customer_id`
    )
    .join("\n  ")}
)`,
    perPeriodViewSql("scheme_segments", "segments_by_end")
  ];
}

/** A scheme's segments in display order: its own, then its remainder, then NO_REVENUE (behaviour schemes). */
export function segmentOrder(scheme: SchemeDefinition): string[] {
  const {remainder} = POPULATIONS[scheme.population];
  return [...scheme.order, ...(remainder ? [remainder] : []), ...(scheme.revenueBased ? [NO_REVENUE] : [])];
}

/** A class scheme's classes: each with its label and the least value that belongs to it (ascending). */
interface Classes {
  labels: string[];
  /** The lower bound of every class but the first. */
  breaks: number[];
}

/** CASE over `column` putting each value in its class (`otherwise` for NULL). */
function classCase(column: string, {labels, breaks}: Classes, otherwise: string): string {
  const whens = breaks
    .map((b, i) => `WHEN ${column} >= ${Number(b)} THEN ${quoteLiteral(labels[i + 1])}`)
    .reverse()
    .join(" ");
  return `CASE WHEN ${column} IS NULL THEN ${quoteLiteral(otherwise)} ${whens} ELSE ${quoteLiteral(labels[0])} END`;
}

/**
 * Order-frequency classes from settings.frequencyBreaks (orders in the last 12 months).
 * @example frequencyClasses([2, 4, 12]).labels // ["occasional (0–1)", "few (2–3)", "regular (4–11)", "frequent (12+)"]
 */
export function frequencyClasses(breaks: readonly number[]): Classes {
  const [few, regular, frequent] = breaks.map(Math.ceil);
  const range = (from: number, to: number) => (to === from ? `${from}` : `${from}–${to}`);
  return {
    labels: [
      `occasional (${range(0, few - 1)})`,
      `few (${range(few, regular - 1)})`,
      `regular (${range(regular, frequent - 1)})`,
      `frequent (${frequent}+)`
    ],
    breaks: [few, regular, frequent]
  };
}

const ORDER_VALUE_NAMES: Record<number, string[]> = {
  1: ["all"],
  2: ["small", "large"],
  3: ["small", "medium", "large"],
  4: ["small", "medium", "large", "very large"]
};

/**
 * Order-value classes from their breaks, labelled in the dataset's currency and locale.
 * @example orderValueClasses([2000, 10000, 50000], {locale: "sv-SE", currency: "SEK"}).labels[1] // "medium (2 000–10 000 kr)"
 */
export function orderValueClasses(
  breaks: readonly number[],
  {locale, currency}: Pick<Settings, "locale" | "currency">
): Classes {
  const money = new Intl.NumberFormat(locale, {style: "currency", currency, maximumFractionDigits: 0});
  const amount = (x: number) => money.format(x);
  const bare = (x: number) =>
    money
      .formatToParts(x)
      .filter((p) => p.type === "integer" || p.type === "group")
      .map((p) => p.value)
      .join("");
  const names = ORDER_VALUE_NAMES[breaks.length + 1];
  const labels = names.map((name, i) => {
    if (breaks.length === 0) return name;
    if (i === 0) return `${name} (< ${amount(breaks[0])})`;
    if (i === breaks.length) return `${name} (≥ ${amount(breaks[i - 1])})`;
    return `${name} (${bare(breaks[i - 1])}–${amount(breaks[i])})`;
  });
  return {labels, breaks: [...breaks]};
}

/** Two significant digits: 1 234 → 1 200, 48 765 → 49 000 (class bounds people can read). */
export function roundBreak(x: number): number {
  if (!(x > 0)) return 0;
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(Math.round(x / step) * step * 100) / 100;
}

/** What the classes of the built-in schemes need from the data (DEFAULT: none read yet). */
export interface DataClasses {
  /** Order-value breaks: settings.orderValueBreaks, else the quartiles of the data. */
  orderValueBreaks: number[];
}

/**
 * Order-value breaks: settings.orderValueBreaks when set; else the quartiles of the catalogue customers' average
 * order value over the last 12 months, at every year end of the data, rounded to two significant digits (so that
 * each class holds about a quarter of those customer-years, in the dataset's own currency and scale).
 */
export async function dataClasses(db: Database, settings: Settings): Promise<DataClasses> {
  if (settings.orderValueBreaks) return {orderValueBreaks: [...settings.orderValueBreaks]};
  const [row] = await db.query<{q: number[] | null}>(
    `SELECT quantile_cont(order_value_12m::DOUBLE, [0.25, 0.5, 0.75]) AS q FROM features
     WHERE grain = 'year' AND customer_type = 'catalogue' AND order_value_12m > 0`
  );
  const rounded = (row?.q ?? []).map(roundBreak).filter((b) => b > 0);
  return {orderValueBreaks: [...new Set(rounded)].sort((a, b) => a - b)};
}

/** Basic vs fashion profile on the fashion share of revenue in the last 12 months. */
const ASSORTMENT = `CASE WHEN fashion_share_12m IS NULL THEN 'unknown' WHEN fashion_share_12m >= 0.5 THEN 'fashion'
  WHEN fashion_share_12m >= 0.2 THEN 'mixed' ELSE 'basic' END`;

/** RFM named segments from R and F scores (docs/domain.md: all 25 cells, no overlaps). */
export const RFM_SEGMENT_SQL = `CASE
  WHEN r <= 2 AND f <= 2 THEN 'Hibernating'
  WHEN r <= 2 AND f <= 4 THEN 'At risk'
  WHEN r <= 2 THEN 'Can''t lose them'
  WHEN r = 3 AND f <= 2 THEN 'About to sleep'
  WHEN r = 3 AND f = 3 THEN 'Need attention'
  WHEN r <= 4 AND f >= 4 THEN 'Loyal'
  WHEN r = 4 AND f = 1 THEN 'Promising'
  WHEN r = 5 AND f = 1 THEN 'New'
  WHEN f <= 3 THEN 'Potential loyalists'
  ELSE 'Champions' END`;

function sizeClass(settings: Settings): string {
  const cases = settings.sizeClasses
    .filter((c) => c.maxEmployees !== null)
    .map((c) => `WHEN employees <= ${Number(c.maxEmployees)} THEN ${quoteLiteral(c.label)}`)
    .join(" ");
  const last = settings.sizeClasses.find((c) => c.maxEmployees === null);
  return `CASE WHEN employees IS NULL THEN 'unknown' ${cases} ELSE ${quoteLiteral(last?.label ?? "largest")} END`;
}

/** The built-in schemes, in the order pages list them. */
export function builtInSchemes(settings: Settings, data: DataClasses = {orderValueBreaks: []}): SchemeDefinition[] {
  const {a, b} = settings.abc;
  const frequency = frequencyClasses(settings.frequencyBreaks);
  const orderValue = orderValueClasses(data.orderValueBreaks, settings);
  return [
    {
      id: "customer_type",
      role: "customer_type",
      label: "Customer type",
      description: `Catalogue vs private-label customers: from the extract's customer_type, or private label when at least ${Math.round(settings.privateLabelShareThreshold * 100)} % of the last 12 months' revenue is private-label articles.`,
      kind: "type",
      population: "all",
      order: ["catalogue", "private_label"],
      segment: "customer_type"
    },
    {
      id: "org_type",
      role: "organisation",
      label: "Organisation type",
      description:
        "Catalogue customers by the kind of buying organisation (macro-segmentation); private-label customers form their own remainder segment.",
      kind: "macro",
      population: "catalogue",
      order: ["unknown"],
      byRevenue: true,
      segment: "coalesce(org_type, 'unknown')"
    },
    {
      id: "size_class",
      label: "Organisation size",
      description:
        "Catalogue customers by size of the buying organisation (employees or members), in the configured classes.",
      kind: "macro",
      population: "catalogue",
      order: [...settings.sizeClasses.map((c) => c.label), "unknown"],
      segment: sizeClass(settings)
    },
    {
      id: "region",
      label: "Region",
      description: "Catalogue customers by sales region.",
      kind: "macro",
      population: "catalogue",
      order: ["unknown"],
      byRevenue: true,
      segment: "coalesce(region, 'unknown')"
    },
    {
      id: "frequency_class",
      revenueBased: true,
      label: "Order frequency",
      description: `Catalogue customers by how often they ordered in the last 12 months: ${frequency.labels.join(", ")} (settings.frequencyBreaks).`,
      kind: "macro",
      population: "catalogue",
      order: [...frequency.labels].reverse(),
      segment: classCase("orders_12m", frequency, frequency.labels[0])
    },
    {
      id: "order_value_class",
      revenueBased: true,
      label: "Order value",
      description: `Catalogue customers by average order value in the last 12 months: ${orderValue.labels.join(", ")}; ${settings.orderValueBreaks ? "bounds from settings.orderValueBreaks" : "bounds at the quartiles of the catalogue customers' average order value, rounded (settings.orderValueBreaks sets them)"}.`,
      kind: "macro",
      population: "catalogue",
      order: [...orderValue.labels].reverse().concat("no orders"),
      segment: classCase("order_value_12m", orderValue, "no orders")
    },
    {
      id: "assortment_profile",
      revenueBased: true,
      label: "Basic vs fashion",
      description:
        "Catalogue customers by the fashion share of their last 12 months' revenue: basic (<20 %), mixed (20–50 %), fashion (≥50 %).",
      kind: "macro",
      population: "catalogue",
      order: ["basic", "mixed", "fashion", "unknown"],
      segment: ASSORTMENT
    },
    {
      id: "main_channel",
      revenueBased: true,
      label: "Main channel",
      description: "Catalogue customers by the channel that brought most of their last 12 months' revenue.",
      kind: "macro",
      population: "catalogue",
      order: ["unknown"],
      byRevenue: true,
      segment: "coalesce(main_channel, 'unknown')"
    },
    {
      id: "tenure",
      label: "New vs established",
      description:
        "Catalogue customers by how long they have bought from us at the period's end: in their first year (first order in the last 12 months; a new buy, where the supplier is still being chosen) or established (a first order a year or more earlier; a rebuy). Unknown when the 12 months begin before the data does and the first order in the data falls within them: the customer may have bought before.",
      kind: "macro",
      population: "catalogue",
      // not "new": migration's state for a customer arriving
      order: ["first-year", "established", "unknown", "no orders"],
      segment: `CASE WHEN first_order_date IS NULL OR first_order_date > end_date THEN 'no orders'
                     WHEN first_order_date <= end_date - INTERVAL 12 MONTH THEN 'established'
                     WHEN end_date - INTERVAL 12 MONTH < (SELECT min(invoice_date) FROM sales_lines) THEN 'unknown'
                     ELSE 'first-year' END`
    },
    {
      id: "abc",
      role: "value",
      revenueBased: true,
      label: "ABC (revenue)",
      description: `All customers ranked by revenue in the last 12 months: A up to ${Math.round(a * 100)} % of cumulative revenue, B up to ${Math.round(b * 100)} %, C the rest. The customer that crosses a threshold belongs to the lower-letter class (A before B).`,
      kind: "value",
      population: "all",
      order: ["A", "B", "C"],
      source: "revenue_rank",
      segment: `CASE WHEN revenue_12m <= 0 THEN 'C'
                     WHEN before_share < ${Number(a)} THEN 'A'
                     WHEN before_share < ${Number(b)} THEN 'B'
                     ELSE 'C' END`
    },
    {
      id: "rfm",
      role: "lifecycle",
      revenueBased: true,
      label: "RFM",
      description:
        "Customers with revenue in the last 12 months scored 1–5 on recency (days since last order, most recent = 5), frequency (orders) and monetary value (revenue), quintiles with ties broken by rank; named segments from R and F.",
      kind: "value",
      population: "all",
      order: [
        "Champions",
        "Loyal",
        "Potential loyalists",
        "New",
        "Promising",
        "Need attention",
        "About to sleep",
        "At risk",
        "Can't lose them",
        "Hibernating"
      ],
      source: "rfm_scores",
      segment: RFM_SEGMENT_SQL
    },
    {
      id: "profitability_tier",
      role: "profit",
      label: "Profitability tier",
      description:
        "All customers ranked by net contribution (gross margin − cost to serve) over the last 12 months: the top 20 % of customers (if profitable), the other profitable customers, and the loss-makers (the whale curve's bands).",
      kind: "profitability",
      population: "all",
      order: ["top 20 %", "profitable", "loss-making"],
      source: "contribution_rank",
      segment: `CASE WHEN net_contribution_12m <= 0 THEN 'loss-making'
                     WHEN rank_share <= 0.2 THEN 'top 20 %'
                     ELSE 'profitable' END`
    },
    {
      id: "kraljic",
      role: "supplier_view",
      label: "Kraljic (buyer's view)",
      description:
        "Where each buyer likely places us on Kraljic's matrix: profit impact (spend with us, absolute and relative to size) × supply risk (private-label, co-developed, fashion and hard-to-substitute share), cut at the configured threshold; account-profile overrides win. Years and catalogue seasons only.",
      kind: "kraljic",
      population: "all",
      order: ["strategic", "leverage", "bottleneck", "routine"],
      source: "kraljic",
      segment: "quadrant"
    },
    {
      id: "pl_micro",
      role: "micro",
      label: "Private-label micro-segments",
      description:
        "Private-label accounts by what drives their buying centre, from the profiles sales keep: price buyers, quality & service, design partners, sustainability-led; accounts at risk and without a profile apart. Catalogue customers form the remainder.",
      kind: "micro",
      population: "private_label",
      order: ["design partners", "sustainability-led", "quality & service", "price buyers", "at risk", "no profile"],
      source: "profiles",
      segment: `CASE WHEN NOT has_profile THEN 'no profile'
                     WHEN relationship_stage = 'at_risk' THEN 'at risk'
                     WHEN primary_criterion = 'design' THEN 'design partners'
                     WHEN primary_criterion = 'sustainability' THEN 'sustainability-led'
                     WHEN primary_criterion = 'price' THEN 'price buyers'
                     ELSE 'quality & service' END`
    }
  ];
}

/**
 * An analyst's scheme from settings: an SQL expression over the features columns, for all active customers or
 * for the catalogue customers (a macro scheme like the built-in ones: the Catalogue page shows every one).
 */
export function customScheme(scheme: CustomScheme): SchemeDefinition {
  const catalogue = scheme.population === "catalogue";
  return {
    id: scheme.name,
    label: scheme.label,
    description: scheme.description,
    kind: catalogue ? "macro" : "custom",
    population: catalogue ? "catalogue" : "all",
    order: scheme.order ?? [],
    segment: `coalesce((${scheme.sql})::VARCHAR, 'unknown')`
  };
}

/**
 * RFM quintile scores, ties broken by rank before binning; R inverted (most recent = 5). Scored once per period
 * end (features.ts: features_by_end), in `rfm_by_end`; the view `rfm_scores` gives them to every period ending then.
 */
const RFM_BY_END_SQL = `
CREATE OR REPLACE TABLE rfm_by_end AS
SELECT
  end_date,
  customer_id,
  recency_days,
  orders_12m,
  revenue_12m,
  -- rank 1 = least recent (quintile: macros.ts)
  quintile(row_number() OVER (w ORDER BY recency_days DESC NULLS FIRST, customer_id), count(*) OVER w) AS r,
  quintile(row_number() OVER (w ORDER BY orders_12m, customer_id), count(*) OVER w) AS f,
  quintile(row_number() OVER (w ORDER BY revenue_12m, customer_id), count(*) OVER w) AS m
FROM features_by_end
-- RFM scores the customers that bought in the window; the others are lost to it
WHERE revenue_12m > 0
WINDOW w AS (PARTITION BY end_date)`;

/** Build rfm_by_end and the view rfm_scores. */
export async function createRfmScores(db: Database): Promise<void> {
  await db.run(RFM_BY_END_SQL);
  await db.run(perPeriodViewSql("rfm_scores", "rfm_by_end"));
}

/**
 * The ranks the ABC and profit-tier schemes read, per period end and customer: ABC's share of the period's
 * revenue held by customers ranked above, and the rank share by net contribution (1/n for the first).
 */
export const FEATURE_RANKS_SQL = `
CREATE OR REPLACE TEMP TABLE feature_ranks AS
SELECT
  end_date,
  customer_id,
  coalesce(sum(greatest(revenue_12m, 0)) OVER (PARTITION BY end_date ORDER BY revenue_12m DESC, customer_id
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
    / nullif(sum(greatest(revenue_12m, 0)) OVER (PARTITION BY end_date), 0) AS before_share,
  row_number() OVER (PARTITION BY end_date ORDER BY net_contribution_12m DESC, customer_id)
    / count(*) OVER (PARTITION BY end_date) AS rank_share
FROM features_by_end`;
