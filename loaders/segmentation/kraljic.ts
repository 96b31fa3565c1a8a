/**
 * The Kraljic view (Kraljic, HBR 1983; docs/domain.md): where each buyer likely places us. Each axis is a weighted
 * mean of 1–5 sub-scores, normalised to 0–1 and cut at settings.kraljic.cut; a sales override from the
 * account profile wins over the model.
 *
 * Profit impact (for the buyer): spend with us (quintile among customers) 60 %, spend relative to the
 * buyer's size (quintile of revenue per employee) 40 %.
 * Supply risk: private-label share 40 %, co-development (development projects) 20 %, fashion share 20 %,
 * hard-to-substitute share (articles few other customers buy) 20 %.
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";

export const APPROACHES: Record<string, string> = {
  strategic: "Co-creation and outsourcing relationship: joint development, shared planning, long agreements.",
  leverage: "Partnership and total cost of ownership: show the whole cost, not the unit price; volume agreements.",
  bottleneck: "Partnership and total cost of ownership: secure supply, stock and lead times for them.",
  routine: "Lowest price plus services that simplify their process: web shop, EDI, fewer and larger deliveries."
};

/** Grains the Kraljic view is computed for (a buyer's view needs a year or a season of buying). */
export const KRALJIC_GRAINS = ["year", "season"];
const GRAIN_LIST = KRALJIC_GRAINS.map((g) => `'${g}'`).join(", ");

const UNIQUE_ARTICLES_SQL = `
CREATE OR REPLACE TABLE hard_to_substitute AS
-- An article bought by at most three customers over the whole history, or made as private label. Without
-- counting the distinct buyers (millions of article-customer pairs): an article's buyers are at most three when
-- those other than its first and last (by id) are one customer or none.
WITH ends AS (
  SELECT article_id, min(customer_id) AS first_buyer, max(customer_id) AS last_buyer FROM sales_lines GROUP BY ALL
),
middle AS (
  SELECT l.article_id, min(l.customer_id) AS low, max(l.customer_id) AS high
  FROM sales_lines AS l
  JOIN ends AS e USING (article_id)
  WHERE l.customer_id NOT IN (e.first_buyer, e.last_buyer)
  GROUP BY ALL
)
SELECT a.article_id
FROM articles AS a
LEFT JOIN middle AS m USING (article_id)
WHERE coalesce(a.private_label, false) OR m.low IS NULL OR m.low = m.high`;

const KRALJIC_SQL = `
CREATE OR REPLACE TABLE kraljic AS
WITH unique_month AS (
  -- the lines of hard-to-substitute articles summed per customer and month, then per period of each grain
  -- with the customer-months' revenue (facts.ts: customer_month)
  SELECT l.customer_id, date_trunc('month', l.invoice_date)::DATE AS month, sum(l.net_amount) AS unique_revenue
  FROM sales_lines AS l
  SEMI JOIN hard_to_substitute AS h USING (article_id)
  GROUP BY ALL
),
unique_share AS (
  SELECT m.grain, m.period, c.customer_id, (sum(u.unique_revenue) / nullif(sum(c.revenue), 0))::DOUBLE AS share
  FROM customer_month AS c
  LEFT JOIN unique_month AS u USING (customer_id, month)
  JOIN month_map AS m USING (month)
  WHERE m.grain IN (${GRAIN_LIST})
  GROUP BY ALL
),
scored AS (
  SELECT
    f.grain,
    f.period,
    f.customer_id,
    quintile(row_number() OVER w_spend, count(*) OVER w_all) AS spend_score,
    quintile(row_number() OVER w_relative, count(*) OVER w_all) AS relative_spend_score,
    1 + 4 * least(greatest(coalesce(f.private_label_share_12m, 0), 0), 1) AS private_label_score,
    CASE WHEN f.development_projects_12m >= 2 THEN 5 WHEN f.development_projects_12m >= 1 THEN 3 ELSE 1 END AS codevelopment_score,
    1 + 4 * least(greatest(coalesce(f.fashion_share_12m, 0), 0), 1) AS fashion_score,
    1 + 4 * least(greatest(coalesce(u.share, 0), 0), 1) AS substitutability_score
  FROM features AS f
  LEFT JOIN unique_share AS u USING (grain, period, customer_id)
  WHERE f.grain IN (${GRAIN_LIST})
  WINDOW
    w_all AS (PARTITION BY f.grain, f.period),
    w_spend AS (PARTITION BY f.grain, f.period ORDER BY f.revenue_12m, f.customer_id),
    w_relative AS (PARTITION BY f.grain, f.period ORDER BY f.revenue_12m / greatest(coalesce(f.employees, 1), 1), f.customer_id)
),
axes AS (
  SELECT *,
    ((0.6 * spend_score + 0.4 * relative_spend_score) - 1) / 4 AS profit_impact,
    ((0.4 * private_label_score + 0.2 * codevelopment_score + 0.2 * fashion_score + 0.2 * substitutability_score) - 1) / 4 AS supply_risk
  FROM scored
),
overrides AS (
  SELECT customer_id, arg_max(kraljic_override, updated_date) AS override
  FROM account_profiles
  WHERE kraljic_override IS NOT NULL
  GROUP BY ALL
)
SELECT
  a.grain,
  a.period,
  a.customer_id,
  a.profit_impact::DOUBLE AS profit_impact,
  a.supply_risk::DOUBLE AS supply_risk,
  a.spend_score,
  a.relative_spend_score,
  a.private_label_score::DOUBLE AS private_label_score,
  a.codevelopment_score,
  a.fashion_score::DOUBLE AS fashion_score,
  a.substitutability_score::DOUBLE AS substitutability_score,
  kraljic_quadrant(a.profit_impact, a.supply_risk, $cut) AS quadrant_model,
  o.override,
  coalesce(o.override, quadrant_model) AS quadrant,
  CASE coalesce(o.override, quadrant_model)
    WHEN 'strategic' THEN $strategic WHEN 'leverage' THEN $leverage
    WHEN 'bottleneck' THEN $bottleneck ELSE $routine END AS approach
FROM axes AS a
LEFT JOIN overrides AS o USING (customer_id)`;

/**
 * The Kraljic view per customer and article category, by year: a view, computed when read (no page reads it;
 * stored, it was a million rows at scale 10).
 */
const kraljicCategorySql = (cut: number) => `
CREATE OR REPLACE VIEW kraljic_category AS
WITH spend AS (
  SELECT m.grain, m.period, l.customer_id, coalesce(a.category, 'unknown') AS category,
         sum(l.net_amount) AS revenue,
         (sum(l.net_amount) FILTER (WHERE a.private_label) / nullif(sum(l.net_amount), 0))::DOUBLE AS private_label_share,
         (sum(l.net_amount) FILTER (WHERE a.assortment = 'fashion') / nullif(sum(l.net_amount), 0))::DOUBLE AS fashion_share,
         (sum(l.net_amount) FILTER (WHERE h.article_id IS NOT NULL) / nullif(sum(l.net_amount), 0))::DOUBLE AS unique_share
  FROM sales_lines AS l
  JOIN month_map AS m ON m.month = date_trunc('month', l.invoice_date)
  LEFT JOIN articles AS a USING (article_id)
  LEFT JOIN hard_to_substitute AS h USING (article_id)
  WHERE m.grain = 'year'
  GROUP BY ALL
),
axes AS (
  SELECT *,
    (quintile(row_number() OVER (PARTITION BY grain, period ORDER BY revenue, customer_id, category),
      count(*) OVER (PARTITION BY grain, period)) - 1) / 4 AS profit_impact,
    (0.5 * coalesce(private_label_share, 0) + 0.25 * coalesce(fashion_share, 0) + 0.25 * coalesce(unique_share, 0)) AS supply_risk
  FROM spend
)
SELECT grain, period, customer_id, category, revenue::DECIMAL(18,4) AS revenue, profit_impact::DOUBLE AS profit_impact, supply_risk::DOUBLE AS supply_risk,
  kraljic_quadrant(profit_impact, supply_risk, ${Number(cut)}) AS quadrant
FROM axes`;

export async function createKraljic(db: Database, settings: Settings): Promise<void> {
  await db.run(UNIQUE_ARTICLES_SQL);
  await db.run(KRALJIC_SQL, {
    cut: settings.kraljic.cut,
    strategic: APPROACHES.strategic,
    leverage: APPROACHES.leverage,
    bottleneck: APPROACHES.bottleneck,
    routine: APPROACHES.routine
  });
  await db.run(kraljicCategorySql(settings.kraljic.cut));
}
