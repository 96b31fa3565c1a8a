/**
 * Segment membership, the segment summary per scheme × segment × period, and migration between consecutive
 * periods (docs/domain.md: with explicit 'new' and 'lost' states, by customers and by revenue).
 */
import {quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import {copyToTwinSql, twinGrains, type Grain} from "./periods.js";
import {NO_REVENUE} from "./schemes.js";

/**
 * The members of the schemes of `scheme_segments` (a column each, `wide`) as the summary and migration read
 * them, in `member_rows`: each row keyed by its period's key and its customer's number (facts.ts: period_keys,
 * customer_keys), with every scheme's segment as an ENUM (`s0`, `s1`, … in the order of `wide`) and the customer's
 * facts in the period (zero without sales); `member_facts` holds the facts of every customer in every classified
 * period. Dropped by dropMemberRows.
 */
export async function createMemberRows(db: Database, wide: string[]): Promise<void> {
  const columns = wide.map((id) => `m.${quoteIdent(id)}`);
  await db.run("DROP TYPE IF EXISTS member_segment");
  await db.run(
    `CREATE TYPE member_segment AS ENUM (
       SELECT segment FROM (${["SELECT NULL::VARCHAR AS segment", ...columns.map((c) => `SELECT DISTINCT ${c} FROM segments_by_end AS m`)].join(" UNION ")})
       WHERE segment IS NOT NULL ORDER BY segment)`
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE member_facts AS
     SELECT k.period_key, c.customer, f.revenue, f.gross_margin, f.cost_to_serve, f.net_contribution
     FROM customer_period AS f
     -- the periods classified (features.ts), which are all that member_rows and migration look up
     SEMI JOIN feature_periods USING (grain, period)
     JOIN period_keys AS k USING (grain, period)
     JOIN customer_keys AS c USING (customer_id)`
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE member_rows AS
     WITH members AS (
       -- each period end's segments once, then given to every period ending then (schemes.ts: classifySql)
       SELECT m.end_date, c.customer, ${columns.map((c, i) => `${c}::member_segment AS s${i}`).join(", ")}
       FROM segments_by_end AS m
       JOIN customer_keys AS c USING (customer_id)
     )
     SELECT k.period_key, m.customer,
       coalesce(f.revenue, 0) AS revenue, coalesce(f.gross_margin, 0) AS gross_margin,
       coalesce(f.cost_to_serve, 0) AS cost_to_serve, coalesce(f.net_contribution, 0) AS net_contribution,
       m.* EXCLUDE (end_date, customer)
     FROM members AS m
     JOIN feature_periods AS p USING (end_date)
     JOIN period_keys AS k USING (grain, period)
     LEFT JOIN member_facts AS f USING (period_key, customer)`
  );
}

export async function dropMemberRows(db: Database): Promise<void> {
  for (const table of ["member_rows", "member_facts"]) await db.run(`DROP TABLE ${table}`);
  await db.run("DROP TYPE member_segment");
}

/**
 * Summary of the within-period facts of each segment's members. Members without sales in the period count as
 * customers with zero revenue, so Σ segments = the period's total for every scheme, to the öre.
 * The schemes of `scheme_segments` are summed from member_rows, each by its column; those of `scheme_rows`
 * (Kraljic, custom) row by row.
 */
export async function createSummary(db: Database, wide: string[]): Promise<void> {
  const measures = "revenue, gross_margin, cost_to_serve, net_contribution";
  const sums = `count(*)::INTEGER AS customers,
    sum(revenue)::DECIMAL(18,4) AS revenue,
    sum(gross_margin)::DECIMAL(18,4) AS gross_margin,
    sum(cost_to_serve)::DECIMAL(18,4) AS cost_to_serve,
    sum(net_contribution)::DECIMAL(18,4) AS net_contribution`;
  const wideSegments = `
  SELECT ${quoteLiteral(JSON.stringify(wide))}::JSON ->> w.scheme AS scheme, k.grain, k.period, w.segment::VARCHAR AS segment,
    w.* EXCLUDE (scheme, period_key, segment)
  FROM (
    SELECT scheme, period_key, segment, ${sums}
    FROM (${wide.map((_, i) => `SELECT ${i} AS scheme, period_key, s${i} AS segment, ${measures} FROM member_rows`).join("\n      UNION ALL ")})
    GROUP BY ALL
  ) AS w
  JOIN period_keys AS k USING (period_key)`;
  const rowSegments = `
  SELECT scheme, grain, period, segment, ${sums}
  FROM (
    SELECT s.scheme, s.grain, s.period, s.segment, ${measures
      .split(", ")
      .map((m) => `coalesce(f.${m}, 0) AS ${m}`)
      .join(", ")}
    FROM scheme_rows AS s
    LEFT JOIN customer_period AS f USING (grain, period, customer_id)
  )
  GROUP BY ALL`;
  await db.run(`
CREATE OR REPLACE TABLE segment_summary AS
WITH segments AS (${
    wide.length
      ? `${wideSegments}
  UNION ALL`
      : ""
  }${rowSegments}
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
ORDER BY scheme, grain, period, segment`);
}

/**
 * Flows between consecutive periods of a grain (docs/domain.md): a customer in both periods moves (or stays), one
 * only in the earlier period is 'lost', one only in the later period is 'new'. Customers without revenue in their
 * window (NO_REVENUE) count as absent. Names are joined to the flows only after they are counted.
 *
 * The schemes of `scheme_segments` are paired in one pass over member_rows: each customer's row of a period is
 * joined once with its rows of the previous and the next period, every scheme's segment riding along. A pair is
 * counted once: at its later member (from the previous period's segment, or 'new'), or, to 'lost', at its earlier
 * member when the next period does not hold it. The schemes of `scheme_rows` (Kraljic, custom) are paired with a
 * full join, one scheme at a time.
 */
export async function createMigration(db: Database, wide: string[]): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE migration (scheme VARCHAR, grain VARCHAR, period_from VARCHAR, period_to VARCHAR,
       segment_from VARCHAR, segment_to VARCHAR, customers INTEGER, revenue_from DECIMAL(18,4), revenue_to DECIMAL(18,4))`
  );
  // A grain that repeats another of them month for month (twinGrains) gets that grain's flows of the
  // scheme_segments schemes, relabelled: they classify every period. Kraljic classifies some grains only.
  const twins = await twinGrains(db, MIGRATION_GRAINS);
  const list = (grains: Grain[]) => grains.map((g) => quoteLiteral(g)).join(", ");
  const grains = list(MIGRATION_GRAINS);
  const flowsInto = (flows: string) => `
INSERT INTO migration
SELECT f.scheme, a.grain, a.period, b.period, f.segment_from, f.segment_to, f.customers, f.revenue_from, f.revenue_to
FROM (${flows}) AS f
-- only steps between two periods of the data: the last period has no 'lost', the first no 'new'
JOIN period_keys AS a ON a.period_key = f.step_from
JOIN period_keys AS b ON b.period_key = f.step_from + 1`;
  if (wide.length > 0) {
    await insertWidePairs(db, wide, list(MIGRATION_GRAINS.filter((g) => !twins.has(g))), flowsInto);
    for (const [grain, of] of twins) {
      await db.run(copyToTwinSql("migration", grain, of, ["period_from", "period_to"], {schemes: wide}));
    }
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_members AS
     SELECT m.scheme, k.period_key AS step, c.customer, m.segment
     FROM scheme_rows AS m
     JOIN period_keys AS k USING (grain, period)
     JOIN customer_keys AS c USING (customer_id)
     WHERE m.segment <> $no_revenue AND m.grain IN (${grains})`,
    {no_revenue: NO_REVENUE}
  );
  const schemes = await db.query<{scheme: string}>("SELECT DISTINCT scheme FROM migration_members ORDER BY scheme");
  for (const {scheme} of schemes) {
    await db.run(
      flowsInto(`
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
)
SELECT
  $scheme AS scheme,
  p.step_from,
  p.segment_from,
  p.segment_to,
  count(*)::INTEGER AS customers,
  coalesce(sum(ra.revenue), 0)::DECIMAL(18,4) AS revenue_from,
  coalesce(sum(rb.revenue), 0)::DECIMAL(18,4) AS revenue_to
FROM pairs AS p
LEFT JOIN member_facts AS ra ON ra.period_key = p.step_from AND ra.customer = p.customer
LEFT JOIN member_facts AS rb ON rb.period_key = p.step_from + 1 AND rb.customer = p.customer
GROUP BY ALL`),
      {scheme}
    );
  }
  await db.run("DROP TABLE migration_members");
}

/** The migration flows of the scheme_segments columns `wide`, in one pass (createMigration). */
async function insertWidePairs(
  db: Database,
  wide: string[],
  grains: string,
  flowsInto: (flows: string) => string
): Promise<void> {
  // a member's segment, or NULL: outside the scheme, or without revenue in its window
  const member = (column: string) => `CASE WHEN ${column} <> $no_revenue THEN ${column} END`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE migration_rows AS
     SELECT r.period_key AS step, r.customer, r.revenue, ${wide.map((_, i) => `${member(`r.s${i}`)} AS s${i}`).join(", ")}
     FROM member_rows AS r
     JOIN period_keys AS k USING (period_key)
     WHERE k.grain IN (${grains})`,
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
  await db.run(
    flowsInto(`
SELECT ${quoteLiteral(JSON.stringify(wide))}::JSON ->> scheme AS scheme, step_from,
  coalesce(segment_from::VARCHAR, 'new') AS segment_from, coalesce(segment_to::VARCHAR, 'lost') AS segment_to,
  customers, revenue_from, revenue_to
FROM (
  SELECT scheme, step_from, segment_from, segment_to, count(*)::INTEGER AS customers,
         sum(revenue_from)::DECIMAL(18,4) AS revenue_from, sum(revenue_to)::DECIMAL(18,4) AS revenue_to
  FROM (${pairs.join("\n    UNION ALL\n    ")})
  GROUP BY ALL
)`)
  );
  for (const table of ["migration_rows", "migration_neighbours"]) await db.run(`DROP TABLE ${table}`);
}

/** The grains migration is measured in (a month is too short a step to read a segment change from). */
const MIGRATION_GRAINS: Grain[] = ["year", "fiscal_year", "season", "quarter"];
