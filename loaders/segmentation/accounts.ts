/**
 * Micro-segmentation of private-label accounts: each account's profile as sales keep it, joined with its
 * behaviour over the 12 months to the end of the data (revenue, growth on the 12 months before, margin,
 * net contribution) and its Kraljic quadrant in the latest year.
 */
import type {Database} from "../duckdb.js";
import {schemeWithRole} from "./schemes.js";

const ACCOUNT_MICRO_SQL = `
CREATE OR REPLACE TABLE account_micro AS
WITH last_month AS (SELECT max(period) AS period FROM periods WHERE grain = 'month'),
latest AS (
  SELECT f.* FROM features AS f, last_month AS m WHERE f.grain = 'month' AND f.period = m.period
),
year_before AS (
  SELECT f.customer_id, f.revenue_12m
  FROM features AS f
  JOIN periods AS p ON p.grain = 'month' AND p.period = f.period
  WHERE f.grain = 'month' AND p.ord = (SELECT max(ord) - 12 FROM periods WHERE grain = 'month')
),
accounts AS (
  SELECT DISTINCT customer_id FROM latest WHERE customer_type = 'private_label'
  UNION
  SELECT customer_id FROM account_profiles
),
profiles AS (
  SELECT * FROM account_profiles QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY updated_date DESC) = 1
),
last_year AS (SELECT max(period) AS period FROM periods WHERE grain = 'year')
SELECT
  a.customer_id,
  p.updated_date::VARCHAR AS updated_date,
  date_diff('month', p.updated_date, (SELECT max(invoice_date) FROM sales_lines)) AS profile_age_months,
  p.relationship_stage,
  p.decision_makers,
  p.buying_center_size,
  p.primary_criterion,
  p.secondary_criterion,
  p.kraljic_override,
  p.contact_person,
  p.notes,
  m.segment AS micro_segment,
  coalesce(l.revenue_12m, 0)::DOUBLE AS revenue_12m,
  b.revenue_12m::DOUBLE AS revenue_prev_12m,
  (l.revenue_12m / nullif(b.revenue_12m, 0) - 1)::DOUBLE AS revenue_growth,
  (l.gross_margin_12m / nullif(l.revenue_12m, 0))::DOUBLE AS gross_margin_pct,
  l.net_contribution_12m::DOUBLE AS net_contribution_12m,
  l.private_label_share_12m AS private_label_share,
  k.quadrant AS kraljic_quadrant
FROM accounts AS a
LEFT JOIN profiles AS p USING (customer_id)
LEFT JOIN latest AS l USING (customer_id)
LEFT JOIN year_before AS b USING (customer_id)
LEFT JOIN segment_membership AS m
  ON m.scheme = ${schemeWithRole("micro")} AND m.grain = 'month' AND m.period = (SELECT period FROM last_month) AND m.customer_id = a.customer_id
LEFT JOIN kraljic AS k
  ON k.grain = 'year' AND k.period = (SELECT period FROM last_year) AND k.customer_id = a.customer_id
ORDER BY revenue_12m DESC`;

export async function createAccounts(db: Database): Promise<void> {
  await db.run(ACCOUNT_MICRO_SQL);
}
