/**
 * The Profitability page's data: the whale curve per year, and cost-to-serve per driver, year and customer type.
 */
import type {Database} from "../duckdb.js";
import {schemeWithRole} from "../segmentation/schemes.js";
import {inLatestYears} from "./years.js";

const WHALE_SQL = `
SELECT
  period,
  customer_share::DOUBLE AS customer_share,
  net_contribution_share::DOUBLE AS net_contribution_share,
  band
FROM whale
WHERE ${inLatestYears("period", "$latest::INTEGER")}
ORDER BY period, customer_share`;

const COSTS_SQL = `
-- customer type as the engine classified it (customer_type scheme, the year of the cost)
WITH customer_types AS (
  SELECT customer_id, period, segment AS customer_type
  FROM segment_membership
  WHERE scheme = ${schemeWithRole("customer_type")} AND grain = 'year'
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
GROUP BY ALL
ORDER BY c.period, c.driver, customer_type`;

const CONCENTRATION_SQL = `
-- the top 20 % of customers by net contribution and their share of it; none when the total is not positive
WITH ranked AS (
  SELECT
    period,
    net_contribution,
    row_number() OVER (PARTITION BY period ORDER BY net_contribution DESC, customer_id) AS rank_descending,
    count(*) OVER (PARTITION BY period) AS n,
    sum(net_contribution) OVER (PARTITION BY period) AS total
  FROM customer_period
  WHERE grain = 'year' AND revenue <> 0
),
net AS (
  SELECT
    period,
    CASE WHEN any_value(total) > 0
         THEN sum(net_contribution) FILTER (WHERE rank_descending <= ceil(0.2 * n)) / any_value(total) END AS top20pct_net_share
  FROM ranked
  GROUP BY ALL
)
SELECT
  c.period,
  c.customers,
  c.revenue,
  c.gini,
  c.top10_share,
  c.top20pct_share,
  n.top20pct_net_share::DOUBLE AS top20pct_net_share
FROM concentration AS c
LEFT JOIN net AS n USING (period)
WHERE ${inLatestYears("c.period", "$latest::INTEGER")}
ORDER BY c.period`;

const LORENZ_SQL = `
SELECT period, customer_share::DOUBLE AS customer_share, revenue_share
FROM lorenz
WHERE ${inLatestYears("period", "$latest::INTEGER")}
ORDER BY period, customer_share`;

/**
 * The whale curve, cost to serve, concentration and Lorenz curve per year; the curves and the concentration of the
 * latest `latestYears` years only when given (the report draws the latest year's; costs are every year's).
 */
export async function profitability(db: Database, {latestYears}: {latestYears?: number} = {}) {
  const latest = {latest: latestYears ?? null};
  return {
    whale: await db.query(WHALE_SQL, latest),
    costs: await db.query(COSTS_SQL),
    concentration: await db.query(CONCENTRATION_SQL, latest),
    lorenz: await db.query(LORENZ_SQL, latest)
  };
}
