/**
 * What every page needs to know about the loaded data: dataset name, formatting settings, the date range
 * and the load's reconciliation totals (so a page can say what its figures cover).
 */
import type {Database} from "../duckdb.js";
import type {Warehouse} from "../warehouse.js";

export interface Meta {
  dataset: string;
  locale: string;
  currency: string;
  first_date: string;
  last_date: string;
  sales_lines: number;
  customers: number;
  revenue: number;
  rejects: number;
  rejected_revenue_share: number;
  profile_stale_months: number;
  publish_personal_data: boolean;
  /** Whether any sales line carries a cost of goods (else margins are not available). */
  has_cost_of_goods: boolean;
  /** Whether any cost to serve is known (rates in the dataset's currency, or cost events with a cost). */
  has_cost_to_serve: boolean;
}

const RANGE_SQL = `
SELECT
  min(invoice_date) AS first_date,
  max(invoice_date) AS last_date,
  count(*)::INTEGER AS sales_lines,
  count(DISTINCT customer_id)::INTEGER AS customers,
  coalesce(sum(net_amount), 0)::DOUBLE AS revenue
FROM sales_lines`;

const COSTS_SQL = `
SELECT
  EXISTS (SELECT 1 FROM sales_lines WHERE cost_amount IS NOT NULL) AS has_cost_of_goods,
  EXISTS (SELECT 1 FROM cost_to_serve WHERE cost IS NOT NULL AND cost <> 0) AS has_cost_to_serve`;

export async function meta(db: Database, warehouse: Warehouse): Promise<Meta> {
  const [range] =
    await db.query<Pick<Meta, "first_date" | "last_date" | "sales_lines" | "customers" | "revenue">>(RANGE_SQL);
  const [costs] = await db.query<Pick<Meta, "has_cost_of_goods" | "has_cost_to_serve">>(COSTS_SQL);
  const {settings, dataset, report} = warehouse;
  return {
    dataset: dataset.name,
    locale: settings.locale,
    currency: settings.currency,
    ...range,
    ...costs,
    rejects: report.rejects,
    rejected_revenue_share: report.rejectedRevenueShare,
    profile_stale_months: settings.profileStaleMonths,
    publish_personal_data: settings.publishPersonalData
  };
}
