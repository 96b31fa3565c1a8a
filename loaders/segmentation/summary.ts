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
 * Flows between consecutive periods of a grain: one full join of each period's members with the next period's
 * on integer period keys, so both sides come out of one pass: a customer in both periods moves (or stays), one
 * only in the earlier period is 'lost', one only in the later period is 'new'. One scheme at a time, so that
 * the join's hash table stays a scheme's size at any scale (all schemes at once ran out of memory at scale 10
 * under a 3 GB limit). The members with their period's ordinal, and each customer's revenue per period, are
 * prepared once for all schemes; period names are joined to the flows only after they are counted.
 */
export async function createMigration(db: Database): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE migration (scheme VARCHAR, grain VARCHAR, period_from VARCHAR, period_to VARCHAR,
       segment_from VARCHAR, segment_to VARCHAR, customers INTEGER, revenue_from DECIMAL(18,4), revenue_to DECIMAL(18,4))`
  );
  // a customer without revenue in its window is lost to a behaviour scheme (and new when it buys again)
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_members AS
     SELECT m.scheme, m.grain, p.ord, m.customer_id, m.segment
     FROM segment_membership AS m
     JOIN periods AS p USING (grain, period)
     WHERE m.grain IN (${MIGRATION_GRAINS}) AND m.segment <> $no_revenue
     ORDER BY m.scheme`,
    {no_revenue: NO_REVENUE}
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_revenue AS
     SELECT c.grain, p.ord, c.customer_id, c.revenue
     FROM customer_period AS c
     JOIN periods AS p USING (grain, period)
     WHERE c.grain IN (${MIGRATION_GRAINS})`
  );
  const schemes = await db.query<{scheme: string}>("SELECT DISTINCT scheme FROM segment_membership ORDER BY scheme");
  for (const {scheme} of schemes) {
    await db.run(
      `
INSERT INTO migration
WITH members AS (
  SELECT grain, ord, customer_id, segment FROM migration_members WHERE scheme = $scheme
),
pairs AS (
  SELECT
    coalesce(x.grain, y.grain) AS grain,
    coalesce(x.ord, y.ord - 1) AS ord_from,
    coalesce(x.customer_id, y.customer_id) AS customer_id,
    coalesce(x.segment, 'new') AS segment_from,
    coalesce(y.segment, 'lost') AS segment_to
  FROM members AS x
  FULL JOIN members AS y ON y.grain = x.grain AND y.ord = x.ord + 1 AND y.customer_id = x.customer_id
),
flows AS (
  SELECT
    p.grain,
    p.ord_from,
    p.segment_from,
    p.segment_to,
    count(*)::INTEGER AS customers,
    coalesce(sum(ra.revenue), 0)::DECIMAL(18,4) AS revenue_from,
    coalesce(sum(rb.revenue), 0)::DECIMAL(18,4) AS revenue_to
  FROM pairs AS p
  LEFT JOIN migration_revenue AS ra ON ra.grain = p.grain AND ra.ord = p.ord_from AND ra.customer_id = p.customer_id
  LEFT JOIN migration_revenue AS rb ON rb.grain = p.grain AND rb.ord = p.ord_from + 1 AND rb.customer_id = p.customer_id
  GROUP BY ALL
)
SELECT $scheme, f.grain, a.period, b.period, f.segment_from, f.segment_to, f.customers, f.revenue_from, f.revenue_to
FROM flows AS f
-- only steps between two periods of the data: the last period has no 'lost', the first no 'new'
JOIN periods AS a ON a.grain = f.grain AND a.ord = f.ord_from
JOIN periods AS b ON b.grain = f.grain AND b.ord = f.ord_from + 1`,
      {scheme}
    );
  }
  await db.run("DROP TABLE migration_members");
  await db.run("DROP TABLE migration_revenue");
}

/** The grains migration is measured in (a month is too short a step to read a segment change from). */
const MIGRATION_GRAINS = "'year', 'fiscal_year', 'season', 'quarter'";
