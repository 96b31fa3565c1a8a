/**
 * The Profitability page's data: the whale curve per year, and cost-to-serve per driver, year and customer type.
 */
import type {Database} from "../duckdb.js";

const WHALE_SQL = `
SELECT
  period,
  customer_share::DOUBLE AS customer_share,
  net_contribution_share::DOUBLE AS net_contribution_share,
  band
FROM whale
WHERE grain = 'year'
ORDER BY period, customer_share`;

const COSTS_SQL = `
-- customer type as the engine classified it (customer_type scheme, the year of the cost)
WITH customer_types AS (
  SELECT customer_id, period, segment AS customer_type
  FROM segment_membership
  WHERE scheme = 'customer_type' AND grain = 'year'
)
SELECT
  c.period,
  c.driver,
  c.source,
  coalesce(t.customer_type, 'unknown') AS customer_type,
  sum(c.quantity)::DOUBLE AS quantity,
  sum(c.cost)::DOUBLE AS cost
FROM cost_to_serve AS c
LEFT JOIN customer_types AS t USING (customer_id, period)
WHERE c.grain = 'year'
GROUP BY ALL
ORDER BY c.period, c.driver, customer_type`;

export async function profitability(db: Database) {
  return {whale: await db.query(WHALE_SQL), costs: await db.query(COSTS_SQL)};
}
