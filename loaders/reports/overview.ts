/**
 * The Overview page's data: per year, catalogue vs private-label customers, revenue, revenue share and
 * gross margin, from the engine's customer_type scheme (so the page and the segment pages agree to the öre).
 */
import type {Database} from "../duckdb.js";

export interface OverviewRow {
  year: string;
  is_complete: boolean;
  customer_type: string;
  customers: number;
  revenue: number;
  revenue_share: number;
  gross_margin: number;
  gross_margin_pct: number | null;
}

const OVERVIEW_SQL = `
SELECT
  s.period AS year,
  p.is_complete,
  s.segment AS customer_type,
  s.customers::INTEGER AS customers,
  s.revenue::DOUBLE AS revenue,
  s.revenue_share::DOUBLE AS revenue_share,
  s.gross_margin::DOUBLE AS gross_margin,
  CASE WHEN s.revenue <> 0 THEN (s.gross_margin / s.revenue)::DOUBLE END AS gross_margin_pct
FROM segment_summary AS s
JOIN periods AS p ON p.grain = s.grain AND p.period = s.period
WHERE s.scheme = 'customer_type'
  AND s.grain = 'year'
ORDER BY s.period, s.segment`;

/** Rows for the Overview charts, one per year × customer type. */
export async function overviewRows(db: Database): Promise<OverviewRow[]> {
  return db.query<OverviewRow>(OVERVIEW_SQL);
}
