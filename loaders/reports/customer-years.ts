/**
 * Drill-down data: one row per customer and year with the year's facts and the customer's segment in every
 * scheme (one column per scheme). Customers appear by id unless the settings allow publishing names.
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";

const CUSTOMER_YEARS_SQL = `
WITH membership AS (
  PIVOT (
    SELECT customer_id, period, scheme, segment
    FROM segment_membership
    WHERE grain = 'year'
  )
  ON scheme
  USING first(segment)
)
SELECT
  m.*,
  CASE WHEN $publish THEN coalesce(c.customer_name, m.customer_id) ELSE m.customer_id END AS customer,
  coalesce(c.sales_rep, 'unknown') AS sales_rep,
  coalesce(f.revenue, 0)::DOUBLE AS revenue,
  coalesce(f.gross_margin, 0)::DOUBLE AS gross_margin,
  coalesce(f.cost_to_serve, 0)::DOUBLE AS cost_to_serve,
  coalesce(f.net_contribution, 0)::DOUBLE AS net_contribution
FROM membership AS m
LEFT JOIN customer_period AS f
  ON f.grain = 'year' AND f.period = m.period AND f.customer_id = m.customer_id
LEFT JOIN customers AS c ON c.customer_id = m.customer_id
ORDER BY m.period, m.customer_id`;

export async function customerYears(db: Database, settings: Settings) {
  return db.query<Record<string, unknown>>(CUSTOMER_YEARS_SQL, {publish: settings.publishPersonalData});
}
