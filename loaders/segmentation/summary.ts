/**
 * Segment membership, the segment summary per scheme × segment × period, and migration between consecutive
 * periods (docs/domain.md: with explicit 'new' and 'lost' states, by customers and by revenue).
 */
import type {Database} from "../duckdb.js";
import {NO_REVENUE} from "./schemes.js";

/**
 * Summary of the within-period facts of each segment's members. Members without sales in the period count as
 * customers with zero revenue, so Σ segments = the period's total for every scheme, to the öre.
 */
const SUMMARY_SQL = `
CREATE OR REPLACE TABLE segment_summary AS
WITH members AS (
  SELECT
    s.scheme,
    s.grain,
    s.period,
    s.segment,
    s.customer_id,
    coalesce(f.revenue, 0) AS revenue,
    coalesce(f.gross_margin, 0) AS gross_margin,
    coalesce(f.cost_to_serve, 0) AS cost_to_serve,
    coalesce(f.net_contribution, 0) AS net_contribution
  FROM segment_membership AS s
  LEFT JOIN customer_period AS f USING (grain, period, customer_id)
),
segments AS (
  SELECT
    scheme,
    grain,
    period,
    segment,
    count(*)::INTEGER AS customers,
    sum(revenue)::DECIMAL(18,4) AS revenue,
    sum(gross_margin)::DECIMAL(18,4) AS gross_margin,
    sum(cost_to_serve)::DECIMAL(18,4) AS cost_to_serve,
    sum(net_contribution)::DECIMAL(18,4) AS net_contribution
  FROM members
  GROUP BY ALL
)
SELECT
  *,
  (customers / sum(customers) OVER w)::DOUBLE AS customer_share,
  (revenue / nullif(sum(revenue) OVER w, 0))::DOUBLE AS revenue_share,
  (revenue / customers)::DOUBLE AS revenue_per_customer,
  (gross_margin / customers)::DOUBLE AS margin_per_customer,
  (net_contribution / customers)::DOUBLE AS net_contribution_per_customer
FROM segments
WINDOW w AS (PARTITION BY scheme, grain, period)
ORDER BY scheme, grain, period, segment`;

export async function createSummary(db: Database): Promise<void> {
  await db.run(SUMMARY_SQL);
}

/**
 * Flows between consecutive periods of a grain, built from both sides: customers of the earlier period (to
 * their later segment, or 'lost'), and customers only in the later period ('new').
 */
export async function createMigration(db: Database): Promise<void> {
  await db.run(
    `
CREATE OR REPLACE TABLE migration AS
WITH steps AS (
  SELECT a.grain, a.period AS period_from, b.period AS period_to
  FROM periods AS a
  JOIN periods AS b ON b.grain = a.grain AND b.ord = a.ord + 1
  WHERE a.grain IN ('year', 'fiscal_year', 'season', 'quarter')
),
-- a customer without revenue in its window is lost to a behaviour scheme (and new when it buys again)
members AS (SELECT * FROM segment_membership WHERE segment <> $no_revenue),
earlier AS (
  SELECT x.scheme, s.grain, s.period_from, s.period_to, x.segment AS segment_from, coalesce(y.segment, 'lost') AS segment_to, x.customer_id
  FROM steps AS s
  JOIN members AS x ON x.grain = s.grain AND x.period = s.period_from
  LEFT JOIN members AS y ON y.scheme = x.scheme AND y.grain = s.grain AND y.period = s.period_to AND y.customer_id = x.customer_id
),
arrivals AS (
  SELECT y.scheme, s.grain, s.period_from, s.period_to, 'new' AS segment_from, y.segment AS segment_to, y.customer_id
  FROM steps AS s
  JOIN members AS y ON y.grain = s.grain AND y.period = s.period_to
  ANTI JOIN members AS x ON x.scheme = y.scheme AND x.grain = s.grain AND x.period = s.period_from AND x.customer_id = y.customer_id
),
pairs AS (SELECT * FROM earlier UNION ALL SELECT * FROM arrivals)
SELECT
  p.scheme,
  p.grain,
  p.period_from,
  p.period_to,
  p.segment_from,
  p.segment_to,
  count(*)::INTEGER AS customers,
  coalesce(sum(a.revenue), 0)::DECIMAL(18,4) AS revenue_from,
  coalesce(sum(b.revenue), 0)::DECIMAL(18,4) AS revenue_to
FROM pairs AS p
LEFT JOIN customer_period AS a ON a.grain = p.grain AND a.period = p.period_from AND a.customer_id = p.customer_id
LEFT JOIN customer_period AS b ON b.grain = p.grain AND b.period = p.period_to AND b.customer_id = p.customer_id
GROUP BY ALL`,
    {no_revenue: NO_REVENUE}
  );
}
