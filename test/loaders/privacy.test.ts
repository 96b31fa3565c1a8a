/**
 * The privacy gate (loaders/privacy.ts), on a small warehouse built by hand: without publishing, personal
 * columns are NULL, customers are named by id, and a reject's raw text is withheld when it may hold personal
 * data (a personal column, or a malformed line); with publishing, everything passes.
 */
import {describe, expect, it} from "vitest";
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {createPublishedViews, PERSONAL_COLUMNS, WITHHELD} from "../../loaders/privacy.js";
import {createTableSql, TABLES} from "../../loaders/schema.js";
import {DEFAULT_SETTINGS} from "../../loaders/settings.js";

async function warehouse(publish: boolean): Promise<Database> {
  const db = await openDatabase();
  await db.run(createTableSql(TABLES.customers));
  await db.run(
    "INSERT INTO customers (customer_id, customer_name, org_number, region) VALUES ('K1', 'Alfa AB', '556000-0001', 'Väst')"
  );
  await db.run(
    "CREATE TABLE account_micro AS SELECT 'K1' AS customer_id, 'Anna Berg' AS contact_person, 'ring 070-1234567' AS notes, 'partner' AS relationship_stage"
  );
  await db.run(`CREATE TABLE rejects (table_name VARCHAR, file VARCHAR, line BIGINT, column_name VARCHAR, value VARCHAR,
                 rule VARCHAR, message VARCHAR, net_amount DECIMAL(18,2), physical_lines BIGINT)`);
  await db.run(`INSERT INTO rejects VALUES
    ('customers', 'c.csv', 3, 'customer_name', 'Beta AB', 'missing_required', 'Line 3 of c.csv: customer_name "Beta AB" is bad', NULL, 1),
    ('customers', 'c.csv', 4, NULL, 'K9,Gamma AB,anna@gamma.se,+46 70 1', 'malformed_line', 'Line 4 of c.csv: the line does not split', NULL, 1),
    ('sales_lines', 's.csv', 5, 'quantity', '0', 'zero_quantity', 'Line 5 of s.csv: quantity "0" has quantity zero', 10, 1)`);
  await createPublishedViews(db, {...DEFAULT_SETTINGS, publishPersonalData: publish});
  return db;
}

describe("createPublishedViews", () => {
  it("marks names, organisation numbers, contacts and notes as personal", () => {
    expect(PERSONAL_COLUMNS.sort()).toEqual(["contact_person", "customer_name", "notes", "org_number"]);
  });

  it("withholds personal data by default", async () => {
    const db = await warehouse(false);
    expect(await db.query("SELECT customer, customer_name, org_number, region FROM published_customers")).toEqual([
      {customer: "K1", customer_name: null, org_number: null, region: "Väst"}
    ]);
    expect(await db.query("SELECT contact_person, notes, relationship_stage FROM published_account_micro")).toEqual([
      {contact_person: null, notes: null, relationship_stage: "partner"}
    ]);
    const rejects = await db.query<{value: string; message: string}>(
      "SELECT value, message FROM published_rejects ORDER BY line"
    );
    expect(rejects.map((r) => r.value)).toEqual([WITHHELD, WITHHELD, "0"]);
    expect(rejects[0].message).toBe(`Line 3 of c.csv: customer_name "${WITHHELD}" is bad`);
    expect(JSON.stringify(rejects)).not.toMatch(/Beta|Gamma|anna@|\+46/);
    db.close();
  });

  it("publishes everything when the settings allow it", async () => {
    const db = await warehouse(true);
    expect(await db.query("SELECT customer, customer_name FROM published_customers")).toEqual([
      {customer: "Alfa AB", customer_name: "Alfa AB"}
    ]);
    expect(await db.query("SELECT notes FROM published_account_micro")).toEqual([{notes: "ring 070-1234567"}]);
    expect((await db.query<{value: string}>("SELECT value FROM published_rejects ORDER BY line"))[1].value).toContain(
      "Gamma AB"
    );
    db.close();
  });
});
