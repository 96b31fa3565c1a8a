/**
 * The one privacy gate: report queries reach customer attributes, account profiles and rejects only through
 * the `published_*` views made here, and `settings.publishPersonalData` is read here and nowhere else.
 *
 * Personal columns are marked in loaders/schema.ts (names, organisation numbers, contact persons, free-text
 * notes). Without publishing they are NULL in the views, a customer is shown by its id, and a rejected value is
 * withheld when its column is personal or when it is the raw text of a malformed line (which may hold any
 * column, mapped or not: e-mails, phones, …). The warehouse itself keeps everything: it stays on the machine.
 */
import {quoteLiteral, type Database} from "./duckdb.js";
import {TABLES} from "./schema.js";
import type {Settings} from "./settings.js";

/** Every column marked personal, across the canonical tables. */
export const PERSONAL_COLUMNS = [
  ...new Set(Object.values(TABLES).flatMap((t) => t.columns.filter((c) => c.personal).map((c) => c.name)))
];

/** What stands in for a withheld value on the site. */
export const WITHHELD = "(withheld: personal data)";

/**
 * Create the published views of customers, account_micro and rejects over a warehouse's tables.
 * @example await createPublishedViews(db, settings); await db.query("SELECT customer FROM published_customers")
 */
export async function createPublishedViews(db: Database, settings: Settings): Promise<void> {
  const publish = settings.publishPersonalData === true;
  const gate = (table: keyof typeof TABLES | "account_micro", columns: string[]) =>
    columns
      .map((c) => (!publish && PERSONAL_COLUMNS.includes(c) ? `NULL::VARCHAR AS ${c}` : `${table}.${c}`))
      .join(", ");
  const customerColumns = TABLES.customers.columns.map((c) => c.name);
  await db.run(
    `CREATE OR REPLACE VIEW published_customers AS
     SELECT ${gate("customers", customerColumns)},
            -- how a customer is named on the site
            ${publish ? "coalesce(customers.customer_name, customers.customer_id)" : "customers.customer_id"} AS customer
     FROM customers`
  );
  const micro = (await db.query<{name: string}>("SELECT column_name AS name FROM (DESCRIBE account_micro)")).map(
    (r) => r.name
  );
  await db.run(
    `CREATE OR REPLACE VIEW published_account_micro AS SELECT ${gate("account_micro", micro)} FROM account_micro`
  );
  const personal = PERSONAL_COLUMNS.map(quoteLiteral).join(", ");
  const withheld = publish ? "false" : `(rule = 'malformed_line' OR column_name IN (${personal}))`;
  await db.run(
    `CREATE OR REPLACE VIEW published_rejects AS
     SELECT table_name, file, line, column_name,
            CASE WHEN ${withheld} AND value IS NOT NULL AND value <> '' THEN ${quoteLiteral(WITHHELD)} ELSE value END AS value,
            rule,
            CASE WHEN ${withheld} AND value IS NOT NULL AND value <> ''
                 THEN replace(message, '"' || value || '"', ${quoteLiteral(`"${WITHHELD}"`)}) ELSE message END AS message,
            net_amount, physical_lines
     FROM rejects`
  );
}
