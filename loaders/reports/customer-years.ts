/**
 * Drill-down data: one row per customer and year with the year's facts and the customer's segment in every
 * scheme (one column per scheme). Customers are named through the privacy gate (loaders/privacy.ts).
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";
import {headlineYear} from "./headline.js";
import type {CustomerRow} from "../../src/components/customer-list.js";

const CUSTOMER_YEARS_SQL = `
WITH membership AS (
  PIVOT (
    SELECT customer_id, period, scheme, segment
    FROM segment_membership
    WHERE grain = 'year'
  )
  ON scheme
  USING first(segment)
)
SELECT
  m.*,
  coalesce(c.customer, m.customer_id) AS customer,
  coalesce(c.sales_rep, 'unknown') AS sales_rep,
  coalesce(f.revenue, 0)::DOUBLE AS revenue,
  coalesce(f.gross_margin, 0)::DOUBLE AS gross_margin,
  coalesce(f.cost_to_serve, 0)::DOUBLE AS cost_to_serve,
  coalesce(f.net_contribution, 0)::DOUBLE AS net_contribution
FROM membership AS m
LEFT JOIN customer_period AS f
  ON f.grain = 'year' AND f.period = m.period AND f.customer_id = m.customer_id
LEFT JOIN published_customers AS c ON c.customer_id = m.customer_id
WHERE $period IS NULL OR m.period = $period
ORDER BY m.period, m.customer_id`;

/**
 * A customer's year: its figures (the drill-down's CustomerRow) and, a column per scheme under the scheme's id,
 * its segment in each (scheme ids cannot take these columns' names: loaders/config.ts refuses them).
 */
export type CustomerYearRow = CustomerRow & {customer_id: string; period: string; sales_rep: string} & Record<
    string,
    string | number | null
  >;

export async function customerYears(db: Database): Promise<CustomerYearRow[]> {
  return db.query<CustomerYearRow>(CUSTOMER_YEARS_SQL, {period: null});
}

/**
 * The customers of the headline year only (headline.ts: the year of the as-of date), for a page that analyses
 * that year: one year's rows, not every year's. None without sales lines.
 */
export async function latestYearCustomers(db: Database, settings: Settings): Promise<CustomerYearRow[]> {
  const period = await headlineYear(db, settings);
  return period === null ? [] : db.query<CustomerYearRow>(CUSTOMER_YEARS_SQL, {period});
}
