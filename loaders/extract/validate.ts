/**
 * Map a table's raw rows onto its canonical columns, type them, and sort every row into accepted or rejected
 * by the first rule it breaks (rule order below). Set-based SQL: no per-row JavaScript, so it scales.
 *
 * Rule order for one row: missing_required → unparseable_number / unparseable_date / invalid_value (column by
 * column, in schema order) → zero_quantity → negative_price → duplicate_key → orphan_customer → orphan_article.
 */
import type {Database} from "../duckdb.js";
import {quoteIdent, quoteLiteral} from "../duckdb.js";
import {
  ASSORTMENTS,
  COST_KINDS,
  CUSTOMER_TYPES,
  KRALJIC_QUADRANTS,
  TABLES,
  type ColumnSpec,
  type TableName
} from "../schema.js";
import type {CsvOptions, TableConfig} from "./dataset.js";
import {ExtractError} from "./errors.js";

/** Columns of customers and articles that a flat sales-lines extract may carry, for the derived tables. */
export const DERIVED_COLUMNS: Record<"customers" | "articles", string[]> = {
  customers: TABLES.customers.columns.map((c) => c.name).filter((c) => c !== "customer_id"),
  articles: TABLES.articles.columns.map((c) => c.name).filter((c) => c !== "article_id")
};

const DATE_FORMATS = [
  "%Y-%m-%d",
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M:%S",
  "%d.%m.%Y",
  "%d/%m/%Y",
  "%Y/%m/%d",
  "%Y%m%d",
  "%d-%m-%Y"
];

/** Allowed values per column, where the format fixes them. */
const ALLOWED: Record<string, readonly string[]> = {
  customer_type: CUSTOMER_TYPES,
  assortment: ASSORTMENTS,
  kind: COST_KINDS,
  kraljic_override: KRALJIC_QUADRANTS
};

export interface MappedColumn {
  name: string;
  /** SQL expression over the raw table giving the column's text. */
  expression: string;
}

/**
 * The SQL expression for each canonical column (and derivable extra column) from the mapping.
 * @throws ExtractError unknown_column / column_missing
 */
export function mapColumns(
  table: TableName,
  config: TableConfig,
  sourceColumns: string[],
  file: string
): MappedColumn[] {
  const spec = TABLES[table];
  const mapping = config.columns ?? {};
  const byLowerName = new Map(sourceColumns.map((c) => [c.toLowerCase(), c]));
  const known = new Set([
    ...spec.columns.map((c) => c.name),
    ...(table === "sales_lines" ? [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles] : [])
  ]);
  for (const name of Object.keys(mapping)) {
    if (!known.has(name)) {
      throw new ExtractError({
        file,
        column: name,
        rule: "bad_config",
        problem: `the mapping for ${table} names "${name}", which is not a column of ${table}`,
        hint: `map only ${[...known].join(", ")}`
      });
    }
  }
  const columns: MappedColumn[] = [];
  for (const name of known) {
    const target = mapping[name];
    if (typeof target === "object" && target !== null && typeof target.sql === "string") {
      columns.push({name, expression: `(${target.sql})::VARCHAR`});
    } else if (typeof target === "string") {
      const source = sourceColumns.includes(target) ? target : byLowerName.get(target.toLowerCase());
      if (!source) {
        throw new ExtractError({
          file,
          column: target,
          rule: "unknown_column",
          problem: `the mapping says ${table}.${name} comes from column "${target}", which the file does not have`,
          hint: `use one of the file's columns: ${sourceColumns.join(", ")}`
        });
      }
      columns.push({name, expression: `${quoteIdent(source)}::VARCHAR`});
    } else if (byLowerName.has(name)) {
      columns.push({name, expression: `${quoteIdent(byLowerName.get(name)!)}::VARCHAR`});
    }
  }
  const has = new Set(columns.map((c) => c.name));
  for (const column of spec.columns) {
    if (!column.required || has.has(column.name)) continue;
    if (table === "sales_lines" && column.name === "net_amount" && has.has("unit_price")) continue; // computed
    throw new ExtractError({
      file,
      column: column.name,
      rule: "column_missing",
      problem: `the ${table} extract has no "${column.name}" column, which is required`,
      hint: `add it to the file or map it in segmentera.json ("columns": {"${column.name}": "<your column>"}); the file has ${sourceColumns.join(", ")}`
    });
  }
  return columns;
}

/** Decide the decimal separator of a numeric column from its values: ',' when more values end in ",d…". */
export async function detectDecimal(db: Database, table: string, column: string): Promise<"." | ","> {
  const [counts] = await db.query<{comma: number; dot: number}>(
    `SELECT
       count(*) FILTER (WHERE regexp_matches(trim(${quoteIdent(column)}), '^[-+]?[0-9 .\u00a0]*,[0-9]+$'))::INTEGER AS comma,
       count(*) FILTER (WHERE regexp_matches(trim(${quoteIdent(column)}), '^[-+]?[0-9 ,\u00a0]*\\.[0-9]+$'))::INTEGER AS dot
     FROM ${table}`
  );
  return counts.comma > counts.dot ? "," : ".";
}

/** SQL that turns text into the column's type, or NULL when it can't. */
export function typedExpression(column: ColumnSpec, source: string, csv: CsvOptions, decimal: "." | ","): string {
  const text = `NULLIF(trim(${source}), '')`;
  switch (column.type) {
    case "VARCHAR":
      return text;
    case "BOOLEAN":
      return `CASE WHEN lower(${text}) IN ('true', 't', '1', 'yes', 'y', 'ja', 'j', 'x') THEN true
                   WHEN lower(${text}) IN ('false', 'f', '0', 'no', 'n', 'nej') THEN false END`;
    case "DATE": {
      const formats = [...(csv.dateFormat ? [csv.dateFormat] : []), ...DATE_FORMATS].map(quoteLiteral).join(", ");
      // Years outside 1900–2100 are typos (0024, 20244), not dates.
      return `(SELECT CASE WHEN year(d) BETWEEN 1900 AND 2100 THEN d END FROM (SELECT try_strptime(${text}, [${formats}])::DATE AS d))`;
    }
    default: {
      const stripped = `regexp_replace(${text}, '[ \u00a0\u202f'']', '', 'g')`;
      const normalised =
        decimal === "," ? `replace(replace(${stripped}, '.', ''), ',', '.')` : `replace(${stripped}, ',', '')`;
      return `TRY_CAST(${normalised} AS ${column.type})`;
    }
  }
}

export interface ValidatedTable {
  /** Temp table with typed canonical columns, __file, __line, __rule, __column, __value. */
  table: string;
}

/**
 * Build `<name>_checked`: typed canonical columns plus the first broken rule of each row (NULL = accepted).
 */
export async function checkRows(
  db: Database,
  tableName: TableName,
  mapped: string,
  decimals: Record<string, "." | ",">,
  csv: CsvOptions,
  references: {customers: boolean; articles: boolean}
): Promise<string> {
  const spec = TABLES[tableName];
  const present = new Set(
    (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${mapped})`)).map((r) => r.name)
  );
  const src = (name: string) => (present.has(name) ? `m.${quoteIdent(name)}` : "NULL::VARCHAR");
  const typed = spec.columns.map((column) => {
    if (tableName === "sales_lines" && column.name === "net_amount" && !present.has("net_amount")) {
      // Computed from price and discount when the extract has no amount (documented in data/README.md).
      const q = typedExpression(
        TABLES.sales_lines.columns.find((c) => c.name === "quantity")!,
        src("quantity"),
        csv,
        decimals.quantity ?? "."
      );
      const p = typedExpression(
        TABLES.sales_lines.columns.find((c) => c.name === "unit_price")!,
        src("unit_price"),
        csv,
        decimals.unit_price ?? "."
      );
      const d = typedExpression(
        TABLES.sales_lines.columns.find((c) => c.name === "discount_pct")!,
        src("discount_pct"),
        csv,
        decimals.discount_pct ?? "."
      );
      return `round(${q} * ${p} * (1 - coalesce(${d}, 0) / 100), 2)::DECIMAL(18,2) AS net_amount`;
    }
    return `${typedExpression(column, src(column.name), csv, decimals[column.name] ?? ".")} AS ${column.name}`;
  });
  const extras =
    tableName === "sales_lines"
      ? [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles].filter((c) => present.has(c))
      : [];
  const extraTyped = extras.map((name) => {
    const column = [...TABLES.customers.columns, ...TABLES.articles.columns].find((c) => c.name === name)!;
    return `${typedExpression(column, src(name), csv, decimals[name] ?? ".")} AS ${quoteIdent("x_" + name)}`;
  });

  // First broken rule per row, in schema order: (rule, column, raw value).
  const raw = (name: string) => (present.has(name) ? `t.${quoteIdent("raw_" + name)}` : "NULL::VARCHAR");
  const checks: string[] = [];
  for (const column of spec.columns) {
    const blank = `NULLIF(trim(${raw(column.name)}), '') IS NULL`;
    const computed = tableName === "sales_lines" && column.name === "net_amount" && !present.has("net_amount");
    if (column.required && !computed)
      checks.push(`WHEN ${blank} THEN ['missing_required', '${column.name}', ${raw(column.name)}]`);
    if (column.type !== "VARCHAR" && !computed) {
      const rule =
        column.type === "DATE"
          ? "unparseable_date"
          : column.type === "BOOLEAN"
            ? "invalid_value"
            : "unparseable_number";
      checks.push(
        `WHEN NOT (${blank}) AND t.${column.name} IS NULL THEN ['${rule}', '${column.name}', ${raw(column.name)}]`
      );
    }
    if (ALLOWED[column.name]) {
      const allowed = ALLOWED[column.name].map(quoteLiteral).join(", ");
      checks.push(
        `WHEN t.${column.name} IS NOT NULL AND t.${column.name} NOT IN (${allowed}) THEN ['invalid_value', '${column.name}', ${raw(column.name)}]`
      );
    }
  }
  if (tableName === "sales_lines") {
    if (!present.has("net_amount"))
      checks.push(`WHEN t.net_amount IS NULL THEN ['missing_required', 'unit_price', ${raw("unit_price")}]`);
    checks.push(`WHEN t.quantity = 0 THEN ['zero_quantity', 'quantity', ${raw("quantity")}]`);
    checks.push(`WHEN t.unit_price < 0 THEN ['negative_price', 'unit_price', ${raw("unit_price")}]`);
    checks.push(
      `WHEN t.discount_pct NOT BETWEEN 0 AND 100 THEN ['invalid_value', 'discount_pct', ${raw("discount_pct")}]`
    );
  }
  if (tableName === "articles") {
    checks.push(`WHEN t.list_price < 0 THEN ['negative_price', 'list_price', ${raw("list_price")}]`);
    checks.push(`WHEN t.unit_cost < 0 THEN ['negative_price', 'unit_cost', ${raw("unit_cost")}]`);
  }
  const rawColumns = spec.columns.filter((c) => present.has(c.name)).map((c) => quoteIdent("raw_" + c.name));
  const checked = `${tableName}_checked`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${checked} AS
     WITH t AS (
       SELECT
         m.__file,
         m.__line,
         ${[...typed, ...extraTyped, ...spec.columns.filter((c) => present.has(c.name)).map((c) => `${src(c.name)} AS ${quoteIdent("raw_" + c.name)}`)].join(",\n         ")}
       FROM ${mapped} AS m
     )
     SELECT * EXCLUDE (r${rawColumns.length ? ", " + rawColumns.join(", ") : ""}), r[1] AS __rule, r[2] AS __column, r[3] AS __value
     FROM (SELECT t.*, ${checks.length ? `CASE ${checks.join("\n")} END` : "NULL::VARCHAR[]"} AS r FROM t)`
  );
  // Duplicate keys: the first occurrence (by file, line) is kept.
  if (spec.key.length) {
    await db.run(
      `UPDATE ${checked} AS t SET __rule = 'duplicate_key', __column = '${spec.key[0]}', __value = ${spec.key.map((k) => `t.${k}::VARCHAR`).join(" || '|' || ")}
       FROM (SELECT __file, __line, row_number() OVER (PARTITION BY ${spec.key.join(", ")} ORDER BY __file, __line) AS n
             FROM ${checked} WHERE __rule IS NULL) AS d
       WHERE d.__file = t.__file AND d.__line = t.__line AND d.n > 1 AND t.__rule IS NULL`
    );
  }
  const customerRef = ["sales_lines", "orders", "cost_events", "account_profiles"].includes(tableName);
  if (customerRef && references.customers) {
    await db.run(
      `UPDATE ${checked} SET __rule = 'orphan_customer', __column = 'customer_id', __value = customer_id
       WHERE __rule IS NULL AND customer_id NOT IN (SELECT customer_id FROM customers)`
    );
  }
  if (tableName === "sales_lines" && references.articles) {
    await db.run(
      `UPDATE ${checked} SET __rule = 'orphan_article', __column = 'article_id', __value = article_id
       WHERE __rule IS NULL AND article_id NOT IN (SELECT article_id FROM articles)`
    );
  }
  return checked;
}

/** A human sentence for a rejected row, by rule. */
export const RULE_MESSAGES: Record<string, string> = {
  missing_required: "is empty but required; fill it in or map another column",
  unparseable_number: "is not a number; check the decimal separator (csv.decimal) or the value",
  unparseable_date: "is not a date in a known format; set csv.dateFormat (e.g. %d/%m/%Y) or fix the value",
  invalid_value: "is not an allowed value for this column (see data/README.md)",
  zero_quantity: "has quantity zero; a line must sell or return something",
  negative_price: "is a negative price; credit notes are negative quantities, not negative prices",
  duplicate_key: "repeats a key that an earlier row already has; the first row is kept",
  orphan_customer: "names a customer that is not in the customers extract",
  orphan_article: "names an article that is not in the articles extract",
  structural: "does not split into the header's columns"
};
