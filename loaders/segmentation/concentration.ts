/**
 * Concentration of revenue (Lorenz curve, Gini, top-10 and top-20 % shares) and the whale curve of net
 * contribution (docs/domain.md), per calendar year, over all customers: what the Profitability page, the report
 * and the sales meeting draw. Computed for no other grain or group of customers, which no page reads.
 * Customers with negative revenue in a year (net returns) count as zero in the Lorenz curve and Gini.
 */
import type {Database} from "../duckdb.js";

const RANKED_SQL = `
CREATE OR REPLACE TEMP TABLE ranked_revenue AS
SELECT *,
  row_number() OVER (PARTITION BY period ORDER BY revenue, customer_id) AS rank_ascending,
  count(*) OVER (PARTITION BY period) AS n,
  sum(revenue) OVER (PARTITION BY period ORDER BY revenue, customer_id) AS cumulative,
  sum(revenue) OVER (PARTITION BY period) AS total
FROM (
  SELECT period, customer_id, greatest(revenue, 0)::DECIMAL(18,4) AS revenue
  FROM customer_period
  WHERE grain = 'year' AND revenue <> 0
)`;

const CONCENTRATION_SQL = `
CREATE OR REPLACE TABLE concentration AS
SELECT
  period,
  count(*)::INTEGER AS customers,
  sum(revenue)::DOUBLE AS revenue,
  -- Gini = 2 Σ i·x_(i) / (n Σ x) − (n + 1) / n, values ascending (population formula)
  (2 * sum(rank_ascending * revenue) / nullif(count(*) * sum(revenue), 0) - (count(*) + 1) / count(*))::DOUBLE AS gini,
  (sum(revenue) FILTER (WHERE n - rank_ascending < 10) / nullif(sum(revenue), 0))::DOUBLE AS top10_share,
  (sum(revenue) FILTER (WHERE n - rank_ascending < ceil(0.2 * n)) / nullif(sum(revenue), 0))::DOUBLE AS top20pct_share
FROM ranked_revenue
GROUP BY ALL`;

/**
 * The curves' 101 points (0 %, 1 % … 100 % of the customers) lie on the straight lines between the customers'
 * own points (i / n, share of the first i), as a Lorenz or whale curve is drawn: at k % of n customers, `below`
 * customers whole and the fraction `part` of the next one. Rounding to a whole customer instead drew steps on a
 * small set (one customer: 0 % of the revenue up to half the customers, then all of it). A CTE over `groups`
 * (period, n, total), shared by both curves.
 */
const POINTS = `points AS (
  SELECT g.*, k, floor(k * g.n / 100) AS below, k * g.n / 100 - floor(k * g.n / 100) AS part
  FROM groups AS g
  CROSS JOIN range(0, 101) AS t(k)
)`;

const LORENZ_SQL = `
CREATE OR REPLACE TABLE lorenz AS
WITH groups AS (SELECT DISTINCT period, n, total FROM ranked_revenue),
${POINTS}
SELECT
  p.period,
  p.k / 100 AS customer_share,
  coalesce((coalesce(lo.cumulative, 0) + p.part * coalesce(hi.revenue, 0)) / nullif(p.total, 0), 0)::DOUBLE AS revenue_share
FROM points AS p
LEFT JOIN ranked_revenue AS lo ON lo.period = p.period AND lo.rank_ascending = p.below
LEFT JOIN ranked_revenue AS hi ON hi.period = p.period AND hi.rank_ascending = p.below + 1
ORDER BY p.period, p.k`;

const WHALE_SQL = `
CREATE OR REPLACE TABLE whale AS
WITH ranked AS (
  SELECT
    period,
    net_contribution::DOUBLE AS net_contribution,
    row_number() OVER (PARTITION BY period ORDER BY net_contribution DESC, customer_id) AS rank_descending,
    count(*) OVER (PARTITION BY period) AS n,
    sum(net_contribution) OVER (PARTITION BY period ORDER BY net_contribution DESC, customer_id) AS cumulative,
    sum(net_contribution) OVER (PARTITION BY period) AS total
  FROM customer_period
  WHERE grain = 'year'
),
groups AS (SELECT DISTINCT period, n, total FROM ranked),
${POINTS},
located AS (
  SELECT
    p.*,
    coalesce(lo.cumulative, 0) + p.part * coalesce(hi.net_contribution, 0) AS cumulative,
    -- the customer the curve is adding at this point: the next one between two customers' points, else the last
    CASE WHEN p.part > 0 THEN hi.net_contribution ELSE lo.net_contribution END AS adding_net,
    CASE WHEN p.part > 0 THEN hi.rank_descending ELSE lo.rank_descending END AS adding_rank
  FROM points AS p
  LEFT JOIN ranked AS lo ON lo.period = p.period AND lo.rank_descending = p.below
  LEFT JOIN ranked AS hi ON hi.period = p.period AND hi.rank_descending = p.below + 1
)
SELECT
  period,
  k / 100 AS customer_share,
  CASE WHEN k = 0 THEN 0 ELSE cumulative / nullif(total, 0) END::DOUBLE AS net_contribution_share,
  CASE WHEN k = 0 THEN 'top 20 %'
       WHEN adding_net <= 0 THEN 'loss-making'
       WHEN adding_rank <= ceil(0.2 * n) THEN 'top 20 %'
       ELSE 'profitable' END AS band
FROM located
ORDER BY period, k`;

/** Build concentration, lorenz and whale, one set of rows per year. */
export async function createConcentration(db: Database): Promise<void> {
  await db.run(RANKED_SQL);
  await db.run(CONCENTRATION_SQL);
  await db.run(LORENZ_SQL);
  await db.run(WHALE_SQL);
}
