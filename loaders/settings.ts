/**
 * Settings: every threshold and rate Segmentera uses, with its default and its source.
 * A dataset's `segmentera.json` may override any of them under "settings" (deep-merged over these defaults).
 */
import type {CostKind} from "./schema.js";

export interface Season {
  /** Short label shown in charts, e.g. "SS" (spring/summer catalogue). */
  name: string;
  /** First month (1–12) of the season. */
  startMonth: number;
}

export interface CustomScheme {
  /** Scheme id, snake_case; becomes a choice in every scheme picker. */
  name: string;
  label: string;
  description: string;
  /** SQL expression over the customer-period features (see loaders/engine) giving the segment label. */
  sql: string;
  /** Segment labels in display order (optional; alphabetical otherwise). */
  order?: string[];
  /**
   * Whom it classifies: "all" active customers (the default), or "catalogue" customers only, by macro traits: the
   * scheme then puts private-label customers in its remainder segment and appears on the Catalogue page.
   */
  population?: "all" | "catalogue";
}

export interface Settings {
  /** BCP 47 locale for numbers and dates on the pages. */
  locale: string;
  /** ISO 4217 currency of the money columns. */
  currency: string;
  /** Month (1–12) the fiscal year starts in; 1 = calendar year. */
  fiscalYearStartMonth: number;
  /** Catalogue seasons, two a year by default: spring/summer from January, autumn/winter from July. */
  seasons: Season[];
  /** ABC cut-offs as cumulative revenue shares (docs/domain.md: 80/15/5). */
  abc: {a: number; b: number};
  /** Customers with at least this private-label share of revenue are private-label customers when the extract does not say. */
  privateLabelShareThreshold: number;
  /**
   * Activity-based cost-to-serve rates per driver unit, in the dataset's currency (docs/domain.md). The defaults
   * are SEK and apply only to a SEK dataset; a dataset in another currency has none unless it sets its own.
   * A driver without a rate has no cost unless the cost events carry one.
   */
  costRates: Partial<Record<CostKind, number>>;
  /** Kraljic: cut-off on the 0–1 axis scores (docs/domain.md: 0.5). */
  kraljic: {cut: number};
  /** Size classes on employees: upper bounds (inclusive) of each class but the last. */
  sizeClasses: {label: string; maxEmployees: number | null}[];
  /** Profiles older than this many months are flagged in sales meetings. */
  profileStaleMonths: number;
  /**
   * Order-value classes: the lowest average order value (dataset currency) of "medium", "large" and "very large",
   * ascending; null: from the data (docs/domain.md, "Order value classes").
   */
  orderValueBreaks: [number, number, number] | null;
  /** Order-frequency classes: the fewest orders in 12 months of "few", "regular" and "frequent", ascending. */
  frequencyBreaks: [number, number, number];
  /** What the pages call the two customer types. */
  customerTypeLabels: {catalogue: string; private_label: string};
  /** The as-of date (YYYY-MM-DD) of the extracts; null: the day of the load. Later event dates are rejected. */
  asOf: string | null;
  /** Earliest event date accepted (YYYY-MM-DD); null: each date column's 5th percentile minus dateMarginYears. */
  earliestDate: string | null;
  /** How far before the bulk of an extract's dates a date may lie when earliestDate is not set. */
  dateMarginYears: number;
  /** How the sales lines' discount_pct is given: "percent" (15), "fraction" (0.15) or "auto" (decided, and said). */
  discountAs: "auto" | "percent" | "fraction";
  /** Rejected revenue above this share of all revenue read fails the load. */
  maxRejectedRevenueShare: number;
  /** Publish customer names and contact details on the site (default: pseudonyms only). */
  publishPersonalData: boolean;
  /** Analyst-defined segment schemes (SQL expressions over customer-period features). */
  customSchemes: CustomScheme[];
}

export const DEFAULT_SETTINGS: Settings = {
  locale: "sv-SE",
  currency: "SEK",
  fiscalYearStartMonth: 1,
  seasons: [
    {name: "SS", startMonth: 1},
    {name: "AW", startMonth: 7}
  ],
  abc: {a: 0.8, b: 0.95},
  privateLabelShareThreshold: 0.5,
  // Rates for a ~30-person wholesaler (SEK, 2024 cost study of order handling, logistics and field sales).
  costRates: {
    order: 180,
    order_line: 15,
    delivery: 140,
    sales_visit: 2500,
    return: 350,
    reminder: 60,
    development_project: 40000
  },
  kraljic: {cut: 0.5},
  sizeClasses: [
    {label: "micro (1–9)", maxEmployees: 9},
    {label: "small (10–49)", maxEmployees: 49},
    {label: "medium (50–249)", maxEmployees: 249},
    {label: "large (250+)", maxEmployees: null}
  ],
  profileStaleMonths: 6,
  orderValueBreaks: null,
  frequencyBreaks: [2, 4, 12],
  customerTypeLabels: {catalogue: "Catalogue", private_label: "Private label"},
  asOf: null,
  earliestDate: null,
  dateMarginYears: 10,
  discountAs: "auto",
  maxRejectedRevenueShare: 0.05,
  publishPersonalData: false,
  customSchemes: []
};

/** The currency of DEFAULT_SETTINGS.costRates. */
export const DEFAULT_RATES_CURRENCY = "SEK";

/**
 * A dataset's settings: `override` (the "settings" of segmentera.json, already validated by loaders/config.ts)
 * deep-merged over the defaults; arrays and scalars replace. Cost rates belong to a currency: in a dataset of
 * another currency the SEK defaults are dropped, and only the rates it sets itself apply.
 */
export function mergeSettings(base: Settings, override: Partial<Settings>): Settings {
  const merged = deepMerge(base, override) as Settings;
  if (merged.currency !== DEFAULT_RATES_CURRENCY) merged.costRates = {...(override.costRates ?? {})};
  return merged;
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = {...base};
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
