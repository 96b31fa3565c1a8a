/**
 * The Private-label accounts page's data: each account's profile as sales keep it, joined with its behaviour
 * (the engine's account_micro), and its revenue, margin and net contribution per year for the trend.
 * Personal data (names, contacts, organisation numbers) is dropped unless the settings allow publishing it.
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";

const PERSONAL_COLUMNS = ["customer_name", "contact_person", "org_number"];

const ACCOUNTS_SQL = `
SELECT
  a.*,
  c.customer_name,
  c.org_type,
  c.region,
  c.sales_rep
FROM account_micro AS a
LEFT JOIN customers AS c USING (customer_id)
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

export async function accounts(db: Database, settings: Settings) {
  const rows = await db.query<Record<string, unknown>>(ACCOUNTS_SQL);
  const profiles = rows.map((row) => {
    const out: Record<string, unknown> = {
      ...row,
      customer: settings.publishPersonalData ? (row.customer_name ?? row.customer_id) : row.customer_id
    };
    if (!settings.publishPersonalData) for (const column of PERSONAL_COLUMNS) delete out[column];
    return out;
  });
  return {profiles, trends: await db.query(TRENDS_SQL)};
}
