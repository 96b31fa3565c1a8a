/**
 * Classification features: for every period of every grain, each customer active in the 12 months ending
 * at the period's end (a sales line or a cost event), with rolling-12-month behaviour and its attributes.
 * Every segment scheme classifies these rows, so membership is known for every period (docs/domain.md).
 *
 * The periods are those of `feature_periods` (periods.ts): every period but the months, of which only those a
 * page reads.
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";

/**
 * Periods of different grains that end on the same day (December is a month, a quarter, a season's and a year's
 * end) share one 12-month window, so their features are the same: they are computed and stored once per end, in
 * `features_by_end`, and the view `features` gives them to every period ending then.
 *
 * The 12-month sums are a range join of the windows against the customer months, not window functions: with
 * only the ends a page reads (the quarters' and a few more), a customer month falls in about four windows. Both
 * window forms were measured at scale 10 and gave identical rows, slower: sums over a dense customer × month grid
 * 2.0 s against the join's 0.7 s; running sums subtracted at each window's bounds (ASOF joins) 3.2–3.6 s for this
 * statement against 2.2–2.8 s.
 */
const FEATURES_SQL = `
CREATE OR REPLACE TABLE features_by_end AS
WITH windows AS (
  -- recency counts to the window's end or the as-of date, if earlier
  SELECT end_date, (date_trunc('month', end_date) - INTERVAL 11 MONTH)::DATE AS window_start,
         least(end_date, (SELECT coalesce($as_of::DATE, max(invoice_date)) FROM sales_lines)) AS as_of_date
  FROM (SELECT DISTINCT end_date FROM feature_periods)
),
activity AS (
  SELECT customer_id, month FROM customer_month
  UNION
  SELECT customer_id, month FROM month_costs
),
active AS (
  SELECT DISTINCT w.end_date, w.as_of_date, a.customer_id
  FROM windows AS w
  JOIN activity AS a ON a.month BETWEEN w.window_start AND w.end_date
),
rolling AS (
  SELECT
    w.end_date,
    f.customer_id,
    sum(f.revenue)::DECIMAL(18,4) AS revenue_12m,
    sum(f.revenue - f.cost_of_goods)::DECIMAL(18,4) AS gross_margin_12m,
    sum(f.orders)::INTEGER AS orders_12m,
    sum(f.lines)::INTEGER AS lines_12m,
    -- + 0: 0 divided by a negative revenue is −0, which would read "−0 %"
    (sum(f.fashion_revenue) / nullif(sum(f.assortment_known_revenue), 0))::DOUBLE + 0 AS fashion_share_12m,
    (sum(f.private_label_revenue) / nullif(sum(f.revenue), 0))::DOUBLE + 0 AS private_label_share_12m,
    max(f.last_order_date) AS last_order_date
  FROM windows AS w
  JOIN customer_month AS f ON f.month BETWEEN w.window_start AND w.end_date
  GROUP BY ALL
),
costs AS (
  -- from the costs summed over their drivers per customer and month (facts.ts: month_costs), a third of the rows
  SELECT w.end_date, c.customer_id, sum(c.cost_to_serve)::DECIMAL(18,4) AS cost_to_serve_12m,
         sum(c.development_projects)::DOUBLE AS development_projects_12m
  FROM windows AS w
  JOIN month_costs AS c ON c.month BETWEEN w.window_start AND w.end_date
  GROUP BY ALL
),
channels AS (
  -- the channel with the most revenue over the 12 months (not the channel of the single biggest month);
  -- ties go to the channel name first in order
  SELECT end_date, customer_id, first(channel ORDER BY revenue DESC, channel) AS main_channel
  FROM (
    SELECT w.end_date, c.customer_id, c.channel, sum(c.revenue) AS revenue
    FROM windows AS w
    JOIN channel_month AS c ON c.month BETWEEN w.window_start AND w.end_date
    GROUP BY ALL
  )
  GROUP BY ALL
),
first_orders AS (
  SELECT customer_id, min(invoice_date) AS first_order_date FROM sales_lines GROUP BY ALL
)
SELECT
  a.end_date,
  a.customer_id,
  coalesce(r.revenue_12m, 0)::DECIMAL(18,4) AS revenue_12m,
  coalesce(r.gross_margin_12m, 0)::DECIMAL(18,4) AS gross_margin_12m,
  coalesce(k.cost_to_serve_12m, 0)::DECIMAL(18,4) AS cost_to_serve_12m,
  (coalesce(r.gross_margin_12m, 0) - coalesce(k.cost_to_serve_12m, 0))::DECIMAL(18,4) AS net_contribution_12m,
  coalesce(r.orders_12m, 0) AS orders_12m,
  coalesce(r.lines_12m, 0) AS lines_12m,
  (r.revenue_12m / nullif(r.orders_12m, 0))::DOUBLE AS order_value_12m,
  r.fashion_share_12m,
  r.private_label_share_12m,
  coalesce(k.development_projects_12m, 0) AS development_projects_12m,
  ch.main_channel,
  r.last_order_date,
  date_diff('day', r.last_order_date, a.as_of_date) AS recency_days,
  fo.first_order_date,
  c.customer_type AS declared_customer_type,
  c.org_type,
  c.employees,
  c.region,
  c.sales_rep,
  -- declared in the extract, or by the private-label share rule (docs/domain.md)
  coalesce(
    c.customer_type,
    CASE WHEN coalesce(r.private_label_share_12m, 0) >= $threshold THEN 'private_label' ELSE 'catalogue' END
  ) AS customer_type
FROM active AS a
LEFT JOIN rolling AS r USING (end_date, customer_id)
LEFT JOIN costs AS k USING (end_date, customer_id)
LEFT JOIN channels AS ch USING (end_date, customer_id)
LEFT JOIN first_orders AS fo USING (customer_id)
LEFT JOIN customers AS c USING (customer_id)`;

/**
 * The view `view` over `table` (a row per period end and customer): its rows given to every classified period
 * ending then, as grain and period; end_date is kept only when asked for.
 */
export function perPeriodViewSql(view: string, table: string, {keepEndDate = false} = {}): string {
  return `CREATE OR REPLACE VIEW ${view} AS
SELECT p.grain, p.period, t.*${keepEndDate ? "" : " EXCLUDE (end_date)"}
FROM feature_periods AS p
JOIN ${table} AS t USING (end_date)`;
}

/** Build features_by_end and the view features (one row per grain × period × active customer). */
export async function createFeatures(db: Database, settings: Settings): Promise<void> {
  await db.run(FEATURES_SQL, {as_of: settings.asOf, threshold: settings.privateLabelShareThreshold});
  await db.run(perPeriodViewSql("features", "features_by_end", {keepEndDate: true}));
}
