/**
 * The Private-label accounts page's data: each account's profile as sales keep it, joined with its behaviour
 * (the engine's account_micro), and its revenue, margin and net contribution per year for the trend.
 * Personal data (names, contacts, notes) comes through the privacy gate (loaders/privacy.ts).
 */
import type {Database} from "../duckdb.js";
import type {AccountProfile} from "../../src/components/account-card.js";
import type {TrendPoint} from "../../src/components/charts/sparkline.js";

const ACCOUNTS_SQL = `
SELECT
  a.*,
  coalesce(c.customer, a.customer_id) AS customer,
  c.org_type,
  c.region,
  c.sales_rep
FROM published_account_micro AS a
LEFT JOIN published_customers AS c USING (customer_id)
ORDER BY a.customer_id`;

const TRENDS_SQL = `
SELECT
  f.customer_id,
  f.period,
  f.revenue::DOUBLE AS revenue,
  f.gross_margin::DOUBLE AS gross_margin,
  f.net_contribution::DOUBLE AS net_contribution
FROM customer_period AS f
WHERE f.grain = 'year'
  AND f.customer_id IN (SELECT customer_id FROM account_micro)
ORDER BY f.customer_id, f.period`;

/** An account as the card shows it (the card's AccountProfile), with where it is and who sells to it. */
export interface AccountRow extends AccountProfile {
  org_type: string | null;
  region: string | null;
  sales_rep: string | null;
}

/** A year of an account's trend (the sparkline's TrendPoint). */
export interface AccountTrendRow extends TrendPoint {
  customer_id: string;
  gross_margin: number;
}

export async function accounts(db: Database): Promise<{profiles: AccountRow[]; trends: AccountTrendRow[]}> {
  return {profiles: await db.query<AccountRow>(ACCOUNTS_SQL), trends: await db.query<AccountTrendRow>(TRENDS_SQL)};
}
