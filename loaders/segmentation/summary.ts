/**
 * Segment membership, the segment summary per scheme × segment × period, and migration between consecutive
 * periods (docs/domain.md: with explicit 'new' and 'lost' states, by customers and by revenue).
 */
import {quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
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
 * Flows between consecutive periods of a grain (docs/domain.md): a customer in both periods moves (or stays), one
 * only in the earlier period is 'lost', one only in the later period is 'new'. Customers without revenue in their
 * window (NO_REVENUE) count as absent. Each period is keyed by an integer step (its grain's number × 10 000 + its
 * ordinal, so that the next period is step + 1) and each customer by a number; names are joined to the flows only
 * after they are counted.
 *
 * The schemes of `scheme_segments` (a column each) are paired in one pass: each customer's row of a period is
 * joined once with its rows of the previous and the next period, every scheme's segment riding along as an ENUM.
 * A pair is counted once: at its later member (from the previous period's segment, or 'new'), or, to 'lost', at
 * its earlier member when the next period does not hold it. The schemes of `scheme_rows` (Kraljic, custom) are
 * paired with a full join, one scheme at a time.
 */
export async function createMigration(db: Database, wide: string[]): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE migration (scheme VARCHAR, grain VARCHAR, period_from VARCHAR, period_to VARCHAR,
       segment_from VARCHAR, segment_to VARCHAR, customers INTEGER, revenue_from DECIMAL(18,4), revenue_to DECIMAL(18,4))`
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_steps AS
     SELECT grain, period, (g.n * 10000 + p.ord)::INTEGER AS step
     FROM periods AS p
     JOIN (VALUES ${MIGRATION_GRAINS.map((grain, i) => `('${grain}', ${i + 1})`).join(", ")}) AS g(grain, n) USING (grain)`
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_customers AS
     SELECT customer_id, row_number() OVER (ORDER BY customer_id)::INTEGER AS customer
     FROM (SELECT DISTINCT customer_id FROM customer_period)`
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_revenue AS
     SELECT s.step, c.customer, f.revenue
     FROM customer_period AS f
     JOIN migration_steps AS s USING (grain, period)
     JOIN migration_customers AS c USING (customer_id)`
  );
  if (wide.length > 0) await insertWidePairs(db, wide);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_members AS
     SELECT m.scheme, s.step, c.customer, m.segment
     FROM scheme_rows AS m
     JOIN migration_steps AS s USING (grain, period)
     JOIN migration_customers AS c USING (customer_id)
     WHERE m.segment <> $no_revenue`,
    {no_revenue: NO_REVENUE}
  );
  const schemes = await db.query<{scheme: string}>("SELECT DISTINCT scheme FROM migration_members ORDER BY scheme");
  for (const {scheme} of schemes) {
    await db.run(
      `
INSERT INTO migration
WITH members AS (
  SELECT step, customer, segment FROM migration_members WHERE scheme = $scheme
),
pairs AS (
  SELECT
    coalesce(x.step, y.step - 1) AS step_from,
    coalesce(x.customer, y.customer) AS customer,
    coalesce(x.segment, 'new') AS segment_from,
    coalesce(y.segment, 'lost') AS segment_to
  FROM members AS x
  FULL JOIN members AS y ON y.step = x.step + 1 AND y.customer = x.customer
),
flows AS (
  SELECT
    p.step_from,
    p.segment_from,
    p.segment_to,
    count(*)::INTEGER AS customers,
    coalesce(sum(ra.revenue), 0)::DECIMAL(18,4) AS revenue_from,
    coalesce(sum(rb.revenue), 0)::DECIMAL(18,4) AS revenue_to
  FROM pairs AS p
  LEFT JOIN migration_revenue AS ra ON ra.step = p.step_from AND ra.customer = p.customer
  LEFT JOIN migration_revenue AS rb ON rb.step = p.step_from + 1 AND rb.customer = p.customer
  GROUP BY ALL
)
SELECT $scheme, a.grain, a.period, b.period, f.segment_from, f.segment_to, f.customers, f.revenue_from, f.revenue_to
FROM flows AS f
-- only steps between two periods of the data: the last period has no 'lost', the first no 'new'
JOIN migration_steps AS a ON a.step = f.step_from
JOIN migration_steps AS b ON b.step = f.step_from + 1`,
      {scheme}
    );
  }
  for (const table of ["migration_members", "migration_revenue", "migration_steps", "migration_customers"])
    await db.run(`DROP TABLE ${table}`);
}

/** The migration flows of the scheme_segments columns `wide`, in one pass (createMigration). */
async function insertWidePairs(db: Database, wide: string[]): Promise<void> {
  // Segments as an ENUM (a small integer each) while rows are joined and counted: text is what made it slow.
  const columns = wide.map((id) => `m.${quoteIdent(id)}`);
  await db.run("DROP TYPE IF EXISTS migration_segment");
  await db.run(
    `CREATE TYPE migration_segment AS ENUM (
       SELECT segment FROM (${columns.map((c) => `SELECT DISTINCT ${c} AS segment FROM scheme_segments AS m`).join(" UNION ")})
       WHERE segment IS NOT NULL AND segment <> $no_revenue ORDER BY segment)`,
    {no_revenue: NO_REVENUE}
  );
  // a member's segment, or NULL: outside the scheme, or without revenue in its window
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_rows AS
     SELECT s.step, c.customer, coalesce(r.revenue, 0) AS revenue,
       ${columns.map((column, i) => `CASE WHEN ${column} <> $no_revenue THEN ${column} END::migration_segment AS s${i}`).join(",\n       ")}
     FROM scheme_segments AS m
     JOIN migration_steps AS s USING (grain, period)
     JOIN migration_customers AS c USING (customer_id)
     LEFT JOIN migration_revenue AS r USING (step, customer)`,
    {no_revenue: NO_REVENUE}
  );
  // each row with the previous and the next period's row of its customer
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_neighbours AS
     SELECT r.*, b.revenue AS revenue_before, a.revenue AS revenue_after,
       ${wide.map((_, i) => `b.s${i} AS b${i}, a.s${i} AS a${i}`).join(",\n       ")}
     FROM migration_rows AS r
     LEFT JOIN migration_rows AS b ON b.customer = r.customer AND b.step = r.step - 1
     LEFT JOIN migration_rows AS a ON a.customer = r.customer AND a.step = r.step + 1`
  );
  // a pair's segment_from NULL is 'new', its segment_to NULL 'lost'
  const pairs = wide.flatMap((_, i) => [
    // into a member's segment, from the previous period's segment
    `SELECT ${i} AS scheme, step - 1 AS step_from, b${i} AS segment_from, s${i} AS segment_to,
       coalesce(revenue_before, 0) AS revenue_from, revenue AS revenue_to
     FROM migration_neighbours WHERE s${i} IS NOT NULL`,
    // out of a member's segment: the next period does not hold it
    `SELECT ${i}, step, s${i}, NULL, revenue, coalesce(revenue_after, 0)
     FROM migration_neighbours WHERE s${i} IS NOT NULL AND a${i} IS NULL`
  ]);
  await db.run(`
INSERT INTO migration
WITH flows AS (
  SELECT scheme, step_from, segment_from, segment_to, count(*)::INTEGER AS customers,
         sum(revenue_from)::DECIMAL(18,4) AS revenue_from, sum(revenue_to)::DECIMAL(18,4) AS revenue_to
  FROM (${pairs.join("\n    UNION ALL\n    ")})
  GROUP BY ALL
)
SELECT ${quoteLiteral(JSON.stringify(wide))}::JSON ->> f.scheme, a.grain, a.period, b.period,
  coalesce(f.segment_from::VARCHAR, 'new'), coalesce(f.segment_to::VARCHAR, 'lost'),
  f.customers, f.revenue_from, f.revenue_to
FROM flows AS f
-- only steps between two periods of the data: the last period has no 'lost', the first no 'new'
JOIN migration_steps AS a ON a.step = f.step_from
JOIN migration_steps AS b ON b.step = f.step_from + 1`);
  for (const table of ["migration_rows", "migration_neighbours"]) await db.run(`DROP TABLE ${table}`);
  await db.run("DROP TYPE migration_segment");
}

/** The grains migration is measured in (a month is too short a step to read a segment change from). */
const MIGRATION_GRAINS = ["year", "fiscal_year", "season", "quarter"];
