/**
 * The canonical extract format: the tables Segmentera understands, column by column.
 *
 * Everything downstream (the segmentation engine, the pages) reads only these tables, by these
 * names and types, in the warehouse database. A user's export is mapped onto them by the dataset's
 * `segmentera.json` (see data/README.md); the sample generator writes them directly.
 *
 * Money columns are DECIMAL(18,4) so that sums are exact to the öre; the currency is a setting
 * (SEK by default), not part of the column name.
 */

/** Money is DECIMAL(18,4): a sum of it (and any sum of such sums) is held exactly only below this. */
export const MAX_AMOUNT = 1e14;

/** The bound as messages state it: ±99 999 999 999 999, the largest whole amount below MAX_AMOUNT. */
export const MAX_AMOUNT_TEXT = `±${(MAX_AMOUNT - 1).toLocaleString("en-US").replaceAll(",", " ")}`;

export type ColumnType = "VARCHAR" | "DATE" | "INTEGER" | "DOUBLE" | "DECIMAL(18,4)" | "DECIMAL(18,4)" | "BOOLEAN";

/**
 * A column and the rules its values must keep: the ingest (loaders/extract/validate.ts) checks exactly these, in
 * this order for each row: required, type, allowed values (column by column), event dates, the table's sign rule,
 * bounds (column by column), the table's key, references. A row is rejected by the first rule it breaks.
 */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** A row without a value here is rejected (or the file, if the column is missing). */
  required: boolean;
  description: string;
  /** When the row's event happened: dates after the as-of date or long before the rest are rejected. */
  eventDate?: boolean;
  /** Personal data: published only with settings.publishPersonalData (loaders/privacy.ts). */
  personal?: boolean;
  /** The values the column may hold; any other is rejected as invalid_value. */
  allowed?: readonly string[];
  /** Bounds a number must keep, and the rule a value outside them breaks. */
  bounds?: Bounds;
  /** The table whose key the value must name, when that table is loaded (else orphan_customer/orphan_article). */
  references?: "customers" | "articles";
}

export interface Bounds {
  min?: number;
  max?: number;
  nonZero?: boolean;
  rule: "zero_quantity" | "negative_price" | "invalid_value";
}

export interface TableSpec {
  name: TableName;
  /** A dataset may omit an optional table entirely. */
  required: boolean;
  /** Columns whose combination must be unique; duplicates are rejected. */
  key: string[];
  /** Two columns that must not have opposite signs (a return is negative in both); else sign_mismatch. */
  sameSign?: [string, string];
  description: string;
  columns: ColumnSpec[];
}

export type TableName = "customers" | "articles" | "sales_lines" | "orders" | "cost_events" | "account_profiles";

/** Customer type values. A missing type is derived by the private-label share rule (settings). */
export const CUSTOMER_TYPES = ["catalogue", "private_label"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** Assortment profile of an article: basic (stable, substitutable) or fashion (seasonal). */
export const ASSORTMENTS = ["basic", "fashion"] as const;

/** Cost-to-serve activity drivers (docs/domain.md): each has a default rate in settings. */
export const COST_KINDS = [
  "order",
  "order_line",
  "delivery",
  "sales_visit",
  "return",
  "reminder",
  "development_project"
] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** Kraljic quadrants, as the buyer would place us. */
export const KRALJIC_QUADRANTS = ["strategic", "leverage", "bottleneck", "routine"] as const;

const col = (
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  rules: Omit<ColumnSpec, "name" | "type" | "required" | "description"> = {}
): ColumnSpec => ({name, type, required, description, ...rules});

const NOT_NEGATIVE: Bounds = {min: 0, rule: "negative_price"};

export const TABLES: Record<TableName, TableSpec> = {
  customers: {
    name: "customers",
    required: false,
    key: ["customer_id"],
    description: "One row per customer account. Derived from the sales lines when the extract has no customer file.",
    columns: [
      col("customer_id", "VARCHAR", true, "Customer number in the ERP"),
      col(
        "customer_name",
        "VARCHAR",
        false,
        "Company or club name (personal data: hidden on the published site by default)",
        {personal: true}
      ),
      col("org_number", "VARCHAR", false, "Organisation number (personal data: hidden by default)", {personal: true}),
      col("customer_type", "VARCHAR", false, "catalogue | private_label; derived from private-label share when empty", {
        allowed: CUSTOMER_TYPES
      }),
      col("org_type", "VARCHAR", false, "Kind of buying organisation, e.g. workwear_dealer, sports_club, retailer"),
      col("employees", "INTEGER", false, "Size of the buying organisation (employees or members)"),
      col("region", "VARCHAR", false, "Sales region"),
      col("sales_rep", "VARCHAR", false, "Responsible sales rep"),
      col("created_date", "DATE", false, "When the account was opened")
    ]
  },
  articles: {
    name: "articles",
    required: false,
    key: ["article_id"],
    description: "One row per article. Derived from the sales lines when the extract has no article file.",
    columns: [
      col("article_id", "VARCHAR", true, "Article number"),
      col("article_name", "VARCHAR", false, "Article description"),
      col("category", "VARCHAR", false, "Article category, e.g. t-shirts, workwear, outerwear"),
      col("assortment", "VARCHAR", false, "basic | fashion", {allowed: ASSORTMENTS}),
      col("private_label", "BOOLEAN", false, "Made for one customer's own brand"),
      col("list_price", "DECIMAL(18,4)", false, "Catalogue price per unit, excl. VAT", {bounds: NOT_NEGATIVE}),
      col("unit_cost", "DECIMAL(18,4)", false, "Purchase or production cost per unit", {bounds: NOT_NEGATIVE})
    ]
  },
  sales_lines: {
    name: "sales_lines",
    required: true,
    key: [],
    sameSign: ["quantity", "net_amount"],
    description:
      "Invoice or order lines. Returns and credit notes are negative quantities and amounts. " +
      "net_amount is taken from the extract, or computed as round(quantity × unit_price × (1 − discount_pct/100), 2).",
    columns: [
      col("invoice_id", "VARCHAR", false, "Invoice (or credit note) number"),
      col("order_id", "VARCHAR", false, "Order number; several lines share one order"),
      col("invoice_date", "DATE", true, "Invoice date", {eventDate: true}),
      col("customer_id", "VARCHAR", true, "Customer number; must exist in customers when that file is given", {
        references: "customers"
      }),
      col("article_id", "VARCHAR", true, "Article number; must exist in articles when that file is given", {
        references: "articles"
      }),
      col("quantity", "DECIMAL(18,4)", true, "Units; negative on returns; zero is rejected", {
        bounds: {nonZero: true, rule: "zero_quantity"}
      }),
      col("unit_price", "DECIMAL(18,4)", false, "Price per unit before discount; negative is rejected", {
        bounds: NOT_NEGATIVE
      }),
      col("discount_pct", "DOUBLE", false, "Line discount in percent (0–100), or as a fraction (settings.discountAs)", {
        bounds: {min: 0, max: 100, rule: "invalid_value"}
      }),
      col("net_amount", "DECIMAL(18,4)", true, "Line revenue after discount, excl. VAT (computed when absent)"),
      col("unit_cost", "DECIMAL(18,4)", false, "Cost per unit; falls back to the article's unit_cost"),
      col("cost_amount", "DECIMAL(18,4)", false, "The line's cost of goods as the ERP gives it (wins over unit_cost)"),
      col("margin_amount", "DECIMAL(18,4)", false, "The line's gross margin (profit) as the ERP gives it"),
      col("channel", "VARCHAR", false, "Order channel: phone | web | rep_visit | edi | …"),
      col("sales_rep", "VARCHAR", false, "Sales rep credited with the line")
    ]
  },
  orders: {
    name: "orders",
    required: false,
    key: ["order_id"],
    description:
      "Order headers, when the ERP exports them. Otherwise orders are derived from the lines' order_id or invoice_id.",
    columns: [
      col("order_id", "VARCHAR", true, "Order number"),
      col("customer_id", "VARCHAR", true, "Customer number", {references: "customers"}),
      col("order_date", "DATE", true, "Order date", {eventDate: true}),
      col("channel", "VARCHAR", false, "Order channel"),
      col("deliveries", "INTEGER", false, "Number of deliveries (split shipments); 1 when empty")
    ]
  },
  cost_events: {
    name: "cost_events",
    required: false,
    key: [],
    description:
      "Cost-to-serve activities per customer: sales visits, returns handled, reminders, private-label development projects, " +
      "and (optionally) orders and deliveries. cost is the actual cost when known; otherwise count × the configured rate.",
    columns: [
      col("customer_id", "VARCHAR", true, "Customer number", {references: "customers"}),
      col("event_date", "DATE", true, "Date of the activity", {eventDate: true}),
      col(
        "kind",
        "VARCHAR",
        true,
        "order | order_line | delivery | sales_visit | return | reminder | development_project",
        {allowed: COST_KINDS}
      ),
      col("count", "DECIMAL(18,4)", false, "Number of activities (1 when empty)"),
      col("cost", "DECIMAL(18,4)", false, "Actual cost, when the extract has it")
    ]
  },
  account_profiles: {
    name: "account_profiles",
    required: false,
    key: ["customer_id"],
    description: "What the sales team knows of a key (private-label) account: the micro-segmentation basis.",
    columns: [
      col("customer_id", "VARCHAR", true, "Customer number", {references: "customers"}),
      col("updated_date", "DATE", true, "When sales last reviewed the profile", {eventDate: true}),
      col("relationship_stage", "VARCHAR", false, "prospect | developing | established | partner | at_risk"),
      col("decision_makers", "VARCHAR", false, "Who decides, e.g. 'Purchasing manager; Brand manager'"),
      col("buying_center_size", "INTEGER", false, "Number of people involved in buying decisions"),
      col("primary_criterion", "VARCHAR", false, "price | quality | design | sustainability | delivery | service"),
      col("secondary_criterion", "VARCHAR", false, "Second buying criterion, same values"),
      col(
        "kraljic_override",
        "VARCHAR",
        false,
        "Where sales believe the buyer places us: strategic | leverage | bottleneck | routine",
        {allowed: KRALJIC_QUADRANTS}
      ),
      col("contact_person", "VARCHAR", false, "Main contact (personal data: hidden by default)", {personal: true}),
      col(
        "notes",
        "VARCHAR",
        false,
        "Free-text notes from sales and product meetings (may name people: hidden by default)",
        {
          personal: true
        }
      )
    ]
  }
};

/** Table names in load order (referenced tables before the tables that reference them). */
export const TABLE_ORDER: TableName[] = [
  "customers",
  "articles",
  "sales_lines",
  "orders",
  "cost_events",
  "account_profiles"
];

/** CREATE TABLE statement for a canonical table, as the warehouse holds it. */
export function createTableSql(table: TableSpec): string {
  const columns = table.columns.map((c) => `  ${c.name} ${c.type}`).join(",\n");
  return `CREATE TABLE ${table.name} (\n${columns}\n)`;
}
