/**
 * Concentration of revenue (Lorenz curve, Gini, top-10 and top-20 % shares) and the whale curve of net
 * contribution (docs/domain.md), per period of the year, fiscal-year and season grains and per scope.
 * Customers with negative revenue in a period (net returns) count as zero in the Lorenz curve and Gini.
 */
import {quoteLiteral, type Database} from "../duckdb.js";
import {copyToTwinSql, twinGrains, type Grain} from "./periods.js";

/** The grains concentration and the whale curve are computed for. */
const CONCENTRATION_GRAINS: Grain[] = ["year", "fiscal_year", "season"];

/** `typeScheme`: the id of the scheme with the customer_type role, as a literal, so that only its rows are read. */
const rankedSql = (typeScheme: string, grains: string) => `
CREATE OR REPLACE TEMP TABLE ranked_revenue AS
WITH scoped AS (
  SELECT f.grain, f.period, f.customer_id, greatest(f.revenue, 0)::DECIMAL(18,4) AS revenue, s.segment AS customer_type
  FROM customer_period AS f
  JOIN segment_membership AS s ON s.scheme = ${typeScheme} AND s.grain = f.grain AND s.period = f.period AND s.customer_id = f.customer_id
  WHERE f.grain IN (${grains}) AND f.revenue <> 0
),
all_scopes AS (
  SELECT grain, period, 'all' AS scope, customer_id, revenue FROM scoped
  UNION ALL
  SELECT grain, period, customer_type, customer_id, revenue FROM scoped
)
SELECT *,
  row_number() OVER (PARTITION BY grain, period, scope ORDER BY revenue, customer_id) AS rank_ascending,
  count(*) OVER (PARTITION BY grain, period, scope) AS n,
  sum(revenue) OVER (PARTITION BY grain, period, scope ORDER BY revenue, customer_id) AS cumulative,
  sum(revenue) OVER (PARTITION BY grain, period, scope) AS total
FROM all_scopes`;

const CONCENTRATION_SQL = `
CREATE OR REPLACE TABLE concentration AS
SELECT
  grain,
  period,
  scope,
  count(*)::INTEGER AS customers,
  sum(revenue)::DOUBLE AS revenue,
  -- Gini = 2 Σ i·x_(i) / (n Σ x) − (n + 1) / n, values ascending (population formula)
  (2 * sum(rank_ascending * revenue) / nullif(count(*) * sum(revenue), 0) - (count(*) + 1) / count(*))::DOUBLE AS gini,
  (sum(revenue) FILTER (WHERE n - rank_ascending < 10) / nullif(sum(revenue), 0))::DOUBLE AS top10_share,
  (sum(revenue) FILTER (WHERE n - rank_ascending < ceil(0.2 * n)) / nullif(sum(revenue), 0))::DOUBLE AS top20pct_share
FROM ranked_revenue
GROUP BY ALL`;

const LORENZ_SQL = `
CREATE OR REPLACE TABLE lorenz AS
WITH groups AS (SELECT DISTINCT grain, period, scope, n, total FROM ranked_revenue)
SELECT
  g.grain,
  g.period,
  g.scope,
  k / 100 AS customer_share,
  coalesce(r.cumulative / nullif(g.total, 0), 0)::DOUBLE AS revenue_share
FROM groups AS g
CROSS JOIN range(0, 101) AS t(k)
LEFT JOIN ranked_revenue AS r
  ON r.grain = g.grain AND r.period = g.period AND r.scope = g.scope AND r.rank_ascending = round(k * g.n / 100)
ORDER BY g.grain, g.period, g.scope, k`;

const whaleSql = (grains: string) => `
CREATE OR REPLACE TABLE whale AS
WITH ranked AS (
  SELECT
    grain,
    period,
    net_contribution::DOUBLE AS net_contribution,
    row_number() OVER (PARTITION BY grain, period ORDER BY net_contribution DESC, customer_id) AS rank_descending,
    count(*) OVER (PARTITION BY grain, period) AS n,
    sum(net_contribution) OVER (PARTITION BY grain, period ORDER BY net_contribution DESC, customer_id) AS cumulative,
    sum(net_contribution) OVER (PARTITION BY grain, period) AS total
  FROM customer_period
  WHERE grain IN (${grains})
),
groups AS (SELECT DISTINCT grain, period, n, total FROM ranked)
SELECT
  g.grain,
  g.period,
  k / 100 AS customer_share,
  CASE WHEN k = 0 THEN 0 ELSE (r.cumulative / nullif(g.total, 0)) END::DOUBLE AS net_contribution_share,
  CASE WHEN k = 0 THEN 'top 20 %'
       WHEN r.net_contribution <= 0 THEN 'loss-making'
       WHEN r.rank_descending <= ceil(0.2 * g.n) THEN 'top 20 %'
       ELSE 'profitable' END AS band
FROM groups AS g
CROSS JOIN range(0, 101) AS t(k)
LEFT JOIN ranked AS r ON r.grain = g.grain AND r.period = g.period AND r.rank_descending = greatest(1, round(k * g.n / 100))
ORDER BY g.grain, g.period, k`;

/**
 * Build concentration, lorenz and whale. A grain that repeats another of CONCENTRATION_GRAINS month for month
 * (twinGrains) gets that grain's rows, relabelled, instead of computing them again.
 */
export async function createConcentration(db: Database, typeScheme: string | undefined): Promise<void> {
  const twins = await twinGrains(db, CONCENTRATION_GRAINS);
  const grains = CONCENTRATION_GRAINS.filter((g) => !twins.has(g))
    .map((g) => quoteLiteral(g))
    .join(", ");
  await db.run(rankedSql(typeScheme === undefined ? "NULL" : quoteLiteral(typeScheme), grains));
  await db.run(CONCENTRATION_SQL);
  await db.run(LORENZ_SQL);
  await db.run(whaleSql(grains));
  for (const [grain, of] of twins) {
    for (const table of ["concentration", "lorenz", "whale"]) await db.run(copyToTwinSql(table, grain, of));
  }
}
