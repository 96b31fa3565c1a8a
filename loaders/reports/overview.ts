/**
 * The Overview page's data: per year, catalogue vs private-label customers, revenue, revenue share and
 * gross margin, from the engine's customer_type scheme (so the page and the segment pages agree to the öre).
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";
import {spanLabel} from "./headline.js";
import {schemeWithRole} from "../segmentation/schemes.js";

export interface OverviewRow {
  year: string;
  /** The year, or the year and the span the data covers when that is not the whole year. */
  year_label: string;
  is_complete: boolean;
  customer_type: string;
  /** What the pages call the customer type (settings.customerTypeLabels). */
  type_label: string;
  customers: number;
  revenue: number;
  revenue_share: number;
  gross_margin: number;
  /** null when no sales line carries a cost: the margin is not available. */
  gross_margin_pct: number | null;
}

const OVERVIEW_SQL = `
WITH bounds AS (SELECT min(invoice_date) AS first_date, max(invoice_date) AS last_date FROM sales_lines),
-- without any cost of goods in the extracts, margins are not available (not 100 %)
costs AS (SELECT count(*) FILTER (WHERE cost_amount IS NOT NULL) > 0 AS known FROM sales_lines)
SELECT
  s.period AS year,
  greatest(p.start_date, b.first_date)::VARCHAR AS span_start,
  least(p.end_date, b.last_date)::VARCHAR AS span_end,
  p.is_complete,
  s.segment AS customer_type,
  s.customers::INTEGER AS customers,
  s.revenue::DOUBLE AS revenue,
  s.revenue_share::DOUBLE AS revenue_share,
  s.gross_margin::DOUBLE AS gross_margin,
  CASE WHEN s.revenue <> 0 AND c.known THEN (s.gross_margin / s.revenue)::DOUBLE END AS gross_margin_pct
FROM segment_summary AS s
JOIN periods AS p ON p.grain = s.grain AND p.period = s.period
CROSS JOIN bounds AS b
CROSS JOIN costs AS c
WHERE s.scheme = ${schemeWithRole("customer_type")}
  AND s.grain = 'year'
ORDER BY s.period, s.segment`;

/** Rows for the Overview charts, one per year × customer type. */
export async function overviewRows(db: Database, settings: Settings): Promise<OverviewRow[]> {
  const rows = await db.query<OverviewRow & {span_start: string; span_end: string}>(OVERVIEW_SQL);
  return rows.map(({span_start, span_end, ...row}) => ({
    ...row,
    year_label: spanLabel(row.year, span_start, span_end, settings.locale),
    type_label:
      settings.customerTypeLabels[row.customer_type as keyof Settings["customerTypeLabels"]] ?? row.customer_type
  }));
}
