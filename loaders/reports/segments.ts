/**
 * Segment pages' data: the engine's segment summary per scheme × segment × period, and the scheme list
 * with each scheme's description and segment display order (which fixes segment colours on every page).
 */
import type {Database} from "../duckdb.js";
import type {SchemeDefinition, SchemeRole} from "../segmentation/schemes.js";
import type {SegmentPeriodRow} from "../../src/components/charts/segment-trend.js";

/** Grains the report pages offer; months stay in the warehouse and on the Explore page. */
export const REPORT_GRAINS = ["year", "fiscal_year", "season", "quarter"] as const;

const SUMMARY_SQL = `
SELECT
  s.scheme,
  s.grain,
  s.period,
  p.label AS period_label,
  p.ord::INTEGER AS period_ord,
  p.is_complete,
  s.segment,
  s.customers::INTEGER AS customers,
  s.customer_share::DOUBLE AS customer_share,
  s.revenue::DOUBLE AS revenue,
  s.revenue_share::DOUBLE AS revenue_share,
  s.gross_margin::DOUBLE AS gross_margin,
  s.cost_to_serve::DOUBLE AS cost_to_serve,
  s.net_contribution::DOUBLE AS net_contribution,
  s.revenue_per_customer::DOUBLE AS revenue_per_customer,
  s.margin_per_customer::DOUBLE AS margin_per_customer,
  s.net_contribution_per_customer::DOUBLE AS net_contribution_per_customer
FROM segment_summary AS s
JOIN periods AS p USING (grain, period)
WHERE s.grain IN (SELECT unnest(string_split($grains, ',')))
  AND ($role::VARCHAR IS NULL OR s.scheme = (SELECT scheme FROM schemes WHERE role = $role::VARCHAR))
ORDER BY s.scheme, s.grain, p.ord, s.segment`;

const SCHEMES_SQL = `
SELECT
  scheme,
  label,
  description,
  kind,
  role,
  population,
  remainder,
  segment_order::VARCHAR AS segment_order
FROM schemes
ORDER BY ord`;

/** A segment in a period (the trend chart's SegmentPeriodRow), with its scheme and grain. */
export interface SegmentSummaryRow extends SegmentPeriodRow {
  scheme: string;
  grain: string;
  is_complete: boolean;
  margin_per_customer: number;
}

/** A scheme as pages list it: segments in display order (which fixes their colours), kind and role. */
export interface SchemeRow {
  scheme: string;
  label: string;
  description: string;
  kind: SchemeDefinition["kind"];
  role: SchemeRole | null;
  population: string;
  /** The segment of the customers outside the population ("(private label)" in a catalogue scheme), or null. */
  remainder: string | null;
  segment_order: string[];
}

/**
 * Segment sizes, revenue and profit per period of the grains the report pages offer (or of `grains`), for every
 * scheme or the scheme with `role`.
 */
export async function segmentSummary(
  db: Database,
  {grains = REPORT_GRAINS, role}: {grains?: readonly string[]; role?: SchemeRole} = {}
): Promise<SegmentSummaryRow[]> {
  return db.query<SegmentSummaryRow>(SUMMARY_SQL, {grains: grains.join(","), role: role ?? null});
}

export async function schemeList(db: Database): Promise<SchemeRow[]> {
  const rows = await db.query<Omit<SchemeRow, "segment_order"> & {segment_order: string}>(SCHEMES_SQL);
  return rows.map((row) => ({...row, segment_order: parseList(row.segment_order)}));
}

/** segment_order comes as a JSON array text or DuckDB's list text "[a, b]"; accept both. */
function parseList(text: string): string[] {
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // DuckDB list text: [a, b, c]
  }
  return text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
