/**
 * Six hand-built customers in 2024 (C1–C5 catalogue, C6 private label), the engine run over them: the fixture the
 * engine and report tests work out by hand (the numbers are in test/loaders/segmentation.test.ts's comments).
 */
import {openDatabase, type Database} from "../../loaders/duckdb.js";
import {completeSalesLines} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {createTableSql, TABLE_ORDER, TABLES} from "../../loaders/schema.js";
import {runEngine} from "../../loaders/segmentation/index.js";
import {DEFAULT_SETTINGS, mergeSettings} from "../../loaders/settings.js";

/** The fixture's settings: the default thresholds, and a cost rate for every driver. */
export const sixCustomerSettings = mergeSettings(DEFAULT_SETTINGS, {
  costRates: {
    order: 100,
    order_line: 10,
    delivery: 50,
    sales_visit: 1000,
    return: 20,
    reminder: 5,
    development_project: 10000
  }
});

/** An in-memory database with the six customers loaded and the engine run. Close it when done. */
export async function sixCustomers(): Promise<Database> {
  const db = await openDatabase();

  for (const name of TABLE_ORDER) await db.run(createTableSql(TABLES[name]));
  await db.run(`INSERT INTO customers (customer_id, customer_type, org_type, employees, region) VALUES
    ('C1', 'catalogue', 'retailer', 5, 'Skåne'), ('C2', 'catalogue', 'sports_club', 200, 'Norrland'),
    ('C3', 'catalogue', 'retailer', 12, 'Skåne'), ('C4', 'catalogue', NULL, NULL, NULL),
    ('C5', 'catalogue', 'hospitality', 40, 'Stockholm'), ('C6', 'private_label', NULL, 900, 'Stockholm')`);
  await db.run(`INSERT INTO articles (article_id, category, assortment, private_label, unit_cost) VALUES
    ('A1', 't-shirts', 'basic', false, 60), ('A2', 'fashion tops', 'fashion', false, 100), ('P1', 'workwear', 'basic', true, 30)`);
  // invoice, order, date, customer, article, quantity, net amount, unit cost
  await db.run(`INSERT INTO sales_lines (invoice_id, order_id, invoice_date, customer_id, article_id, quantity, net_amount, unit_cost, channel) VALUES
    ('F1', 'O1', '2024-01-10', 'C1', 'A1', 10, 1000.00, 60, 'web'),
    ('F1', 'O1', '2024-01-10', 'C1', 'A2', 5, 1000.00, 100, 'web'),
    ('F2', 'O2', '2024-02-10', 'C2', 'A1', 5, 500.00, 60, 'phone'),
    ('F3', 'O3', '2024-03-10', 'C3', 'A2', 1, 200.00, 100, 'phone'),
    ('F4', 'O4', '2024-06-10', 'C3', 'A2', 1, 200.00, 100, 'phone'),
    ('F5', 'O5', '2024-04-10', 'C4', 'A1', 2, 200.00, 60, 'phone'),
    ('C9', 'O5', '2024-04-20', 'C4', 'A1', -1, -100.00, 60, 'phone'),
    ('F6', 'O6', '2024-05-10', 'C5', 'A1', 1, 100.00, 60, 'web'),
    ('F7', 'O7', '2024-07-10', 'C6', 'P1', 100, 5000.00, 30, 'edi')`);
  await completeSalesLines(db);
  await db.run(`INSERT INTO cost_events (customer_id, event_date, kind, count, cost) VALUES
    ('C1', '2024-01-15', 'sales_visit', 1, NULL), ('C6', '2024-07-01', 'development_project', 1, 8000.00)`);
  await db.run(`INSERT INTO account_profiles (customer_id, updated_date, relationship_stage, primary_criterion, kraljic_override) VALUES
    ('C6', '2024-06-01', 'partner', 'design', 'strategic')`);
  await runEngine(db, sixCustomerSettings, silentLogger);
  return db;
}
