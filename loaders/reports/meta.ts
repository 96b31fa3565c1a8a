/**
 * What every page needs to know about the loaded data: dataset name, formatting settings, the date range
 * and the load's reconciliation totals (so a page can say what its figures cover).
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";
import type {Warehouse} from "../warehouse.js";
import {NO_REVENUE, schemeWithRole} from "../segmentation/schemes.js";

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
  /** What the data has, so that a page can say what it cannot show instead of drawing an empty chart. */
  has_private_label: boolean;
  has_catalogue: boolean;
  has_account_profiles: boolean;
  has_cost_events: boolean;
  /** Whether any article has an assortment (basic/fashion), and any a category. */
  has_assortment: boolean;
  has_categories: boolean;
  /** Calendar years with sales lines. */
  years: number;
  /** Customers with at least this private-label share of revenue are private label (when the extract does not say). */
  private_label_share_threshold: number;
  /** What the pages call the two customer types (settings.customerTypeLabels). */
  customer_type_labels: Settings["customerTypeLabels"];
  /** The segment of a behaviour scheme for a customer without revenue in its window: migration counts it as
   * absent (lost, and new when it buys again), so pages that trace customers do too. */
  no_revenue_segment: string;
}

const RANGE_SQL = `
SELECT
  min(invoice_date) AS first_date,
  max(invoice_date) AS last_date,
  count(*)::INTEGER AS sales_lines,
  count(DISTINCT customer_id)::INTEGER AS customers,
  coalesce(sum(net_amount), 0)::DOUBLE AS revenue
FROM sales_lines`;

const HAS_SQL = `
SELECT
  EXISTS (SELECT 1 FROM sales_lines WHERE cost_amount IS NOT NULL) AS has_cost_of_goods,
  EXISTS (SELECT 1 FROM cost_to_serve WHERE cost IS NOT NULL AND cost <> 0) AS has_cost_to_serve,
  EXISTS (SELECT 1 FROM segment_membership WHERE scheme = ${schemeWithRole("customer_type")} AND segment = 'private_label') AS has_private_label,
  EXISTS (SELECT 1 FROM segment_membership WHERE scheme = ${schemeWithRole("customer_type")} AND segment = 'catalogue') AS has_catalogue,
  EXISTS (SELECT 1 FROM account_profiles) AS has_account_profiles,
  EXISTS (SELECT 1 FROM cost_events) AS has_cost_events,
  EXISTS (SELECT 1 FROM articles WHERE assortment IS NOT NULL) AS has_assortment,
  EXISTS (SELECT 1 FROM articles WHERE category IS NOT NULL) AS has_categories,
  (SELECT count(DISTINCT year(invoice_date)) FROM sales_lines)::INTEGER AS years`;

export async function meta(db: Database, warehouse: Warehouse): Promise<Meta> {
  const [range] =
    await db.query<Pick<Meta, "first_date" | "last_date" | "sales_lines" | "customers" | "revenue">>(RANGE_SQL);
  const [has] =
    await db.query<
      Pick<
        Meta,
        | "has_cost_of_goods"
        | "has_cost_to_serve"
        | "has_private_label"
        | "has_catalogue"
        | "has_account_profiles"
        | "has_cost_events"
        | "has_assortment"
        | "has_categories"
        | "years"
      >
    >(HAS_SQL);
  const {settings, dataset, report} = warehouse;
  return {
    dataset: dataset.name,
    locale: settings.locale,
    currency: settings.currency,
    ...range,
    ...has,
    rejects: report.rejects,
    rejected_revenue_share: report.rejectedRevenueShare,
    profile_stale_months: settings.profileStaleMonths,
    publish_personal_data: settings.publishPersonalData,
    private_label_share_threshold: settings.privateLabelShareThreshold,
    customer_type_labels: settings.customerTypeLabels,
    no_revenue_segment: NO_REVENUE
  };
}
