/**
 * Tables for the Explore page's in-browser SQL: customer-period facts (year and season), segment membership
 * (year), and the customer and article dimensions. Customer names through the privacy gate (loaders/privacy.ts).
 */
import type {Database} from "../duckdb.js";

/**
 * The distinct articles each customer bought in a period, returns included, are counted here: no other page shows
 * them, and a distinct count for these two grains costs a fraction of one for every period in the engine.
 */
const CUSTOMER_PERIOD_SQL = `
WITH articles AS (
  SELECT m.grain, m.period, l.customer_id, count(DISTINCT l.article_id)::INTEGER AS distinct_articles
  FROM sales_lines AS l
  JOIN month_map AS m ON m.month = date_trunc('month', l.invoice_date)::DATE AND m.grain IN ('year', 'season')
  GROUP BY ALL
)
SELECT grain, period, customer_id, revenue::DOUBLE AS revenue, cost_of_goods::DOUBLE AS cost_of_goods,
       gross_margin::DOUBLE AS gross_margin, orders, lines, coalesce(a.distinct_articles, 0) AS distinct_articles,
       fashion_share, private_label_share, returns, deliveries, sales_visits, development_projects,
       cost_to_serve::DOUBLE AS cost_to_serve, net_contribution::DOUBLE AS net_contribution
FROM customer_period
LEFT JOIN articles AS a USING (grain, period, customer_id)
WHERE grain IN ('year', 'season')
ORDER BY grain, period, customer_id`;

const MEMBERSHIP_SQL = `
SELECT scheme, period, customer_id, segment
FROM segment_membership
WHERE grain = 'year'
ORDER BY scheme, period, customer_id`;

const CUSTOMERS_SQL = `
SELECT customer_id,
       customer_name,
       customer_type, org_type, employees, region, sales_rep, created_date::VARCHAR AS created_date
FROM published_customers
ORDER BY customer_id`;

const ARTICLES_SQL = `
SELECT article_id, article_name, category, assortment, private_label, list_price::DOUBLE AS list_price, unit_cost::DOUBLE AS unit_cost
FROM articles
ORDER BY article_id`;

// The Explore page's tables are the analyst's to query with SQL: rows of any shape, as the warehouse has them.
export const exploreCustomerPeriod = (db: Database) => db.query<Record<string, unknown>>(CUSTOMER_PERIOD_SQL);
export const exploreMembership = (db: Database) => db.query<Record<string, unknown>>(MEMBERSHIP_SQL);
export const exploreCustomers = (db: Database) => db.query<Record<string, unknown>>(CUSTOMERS_SQL);
export const exploreArticles = (db: Database) => db.query<Record<string, unknown>>(ARTICLES_SQL);
