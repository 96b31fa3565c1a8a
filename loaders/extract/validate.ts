/**
 * Map a table's raw rows onto its canonical columns, type them, and sort every row into accepted or rejected
 * by the first rule it breaks (rule order below). Set-based SQL: no per-row JavaScript, so it scales.
 *
 * The rules are the column specs' (loaders/schema.ts). Rule order for one row: missing_required →
 * unparseable_number / unparseable_date / invalid_value (column by column, in schema order) → future_date /
 * implausible_date → sign_mismatch → bounds (zero_quantity, negative_price, invalid_value; column by column) →
 * duplicate_key → orphan_customer / orphan_article.
 */
import type {Database} from "../duckdb.js";
import {quoteIdent, quoteLiteral} from "../duckdb.js";
import {createTableSql, TABLES, type ColumnSpec, type TableName} from "../schema.js";
import type {CsvOptions, TableConfig} from "./dataset.js";
import {ExtractError} from "./errors.js";
import {inFileOrder, type RawFile} from "./read.js";

/** Columns of customers and articles that a flat sales-lines extract may carry, for the derived tables. */
export const DERIVED_COLUMNS: Record<"customers" | "articles", string[]> = {
  customers: TABLES.customers.columns.map((c) => c.name).filter((c) => c !== "customer_id"),
  articles: TABLES.articles.columns.map((c) => c.name).filter((c) => c !== "article_id")
};

/** Date formats that cannot be misread: year first. */
const UNAMBIGUOUS_DATES = [
  "%Y-%m-%d",
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M:%S",
  "%Y/%m/%d",
  "%Y%m%d"
];
const WITH_TIMES = (formats: string[]) => formats.flatMap((f) => [f, `${f} %H:%M`, `${f} %H:%M:%S`]);
/** Day first: 31.12.2024 (dots are always day first), 31/12/2024, 31-12-2024. */
const DAY_FIRST = WITH_TIMES(["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"]);
/** Month first, as US exports write them: 12/31/2024, 12-31-2024. */
const MONTH_FIRST = WITH_TIMES(["%m/%d/%Y", "%m-%d-%Y"]);

export interface MappedColumn {
  name: string;
  /** SQL expression over the raw table giving the column's text. */
  expression: string;
  /** The expression is the mapping's own SQL (not a column of the file). */
  computed?: boolean;
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
      columns.push({name, expression: `(${target.sql})::VARCHAR`, computed: true});
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

/** How a column's text is read: its decimal separator, or its date formats (tried in order). */
export interface ColumnFormats {
  decimals: Record<string, "." | ",">;
  dates: Record<string, string[]>;
  /** Factors a number is multiplied by once read (a discount given as a fraction: 100). */
  scales: Record<string, number>;
}

/** What a load asks of a table's values beyond their formats (see settleReading). */
export interface ReadingQuestions {
  /** A column whose values may be fractions (0.15) rather than percents (15): settings.discountAs "auto". */
  fraction?: ColumnSpec;
  /** Event-date columns whose earliest plausible date comes from their values, and the margin below it. */
  earliest?: {columns: ColumnSpec[]; marginYears: number};
}

/** How a table's values are read, decided from all of them. */
export interface Reading {
  formats: ColumnFormats;
  /** Every value of the fraction column lies between 0 and 1 and some are not whole. */
  fraction: boolean;
  /** Per event-date column: the 5th percentile of its dates less the margin (null: no dates). */
  earliest: Record<string, string | null>;
}

/** What decides a table's reading: its typed columns, its csv options and the questions asked of its values. */
export interface ReadingPlan {
  /** The typed columns present (the table's own and the derivable customer and article columns). */
  columns: ColumnSpec[];
  csv: CsvOptions;
  questions: ReadingQuestions;
}

/** The rows speculateReading reads. */
export const HEAD_ROWS = 10_000;

/**
 * The formats a table's first rows show (decimal separators, date orders; see settleReading for the rule), which
 * checkRows reads the table with; after the rows are written, settleReading decides from all of them and
 * checkRows reads the table again in the rare case that the rows further down decide otherwise. A date order no
 * first row decides is taken as day first here.
 */
export async function speculateReading(db: Database, table: string, plan: ReadingPlan): Promise<ColumnFormats> {
  const flags = readingFlags(plan, (name) => quoteIdent(name));
  const counts = readingCounts(plan);
  if (!counts.length) return formatsFrom({}, plan).formats;
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT ${counts.join(",\n")} FROM (SELECT *, ${flags.map((f) => `${f.sql} AS ${f.name}`).join(", ")}
     FROM (SELECT * FROM ${table} LIMIT ${HEAD_ROWS}))`
  );
  return formatsFrom(row, plan).formats;
}

/**
 * Decide the reading from every row of a checked table (its typed columns and the flags checkRows wrote, read
 * with `used`): each numeric column's decimal separator and each date column's formats from all of its values
 * (or from csv.decimal / csv.dateFormat when set), so that a value is read one way or rejected, never reread; a
 * discount given as a fraction; and the earliest plausible event date.
 * @throws ExtractError ambiguous_date when day and month order cannot be told from any value of a column
 */
async function settleReading(
  db: Database,
  tableName: TableName,
  mapped: string,
  plan: ReadingPlan,
  used: ColumnFormats
): Promise<Reading> {
  const fraction = plan.questions.fraction && quoteIdent(plan.questions.fraction.name);
  const earliest = plan.questions.earliest;
  const aggregates = [
    ...readingCounts(plan),
    ...(fraction
      ? [
          `coalesce(bool_and(${fraction} BETWEEN 0 AND 1) FILTER (WHERE ${fraction} IS NOT NULL), false)
           AND coalesce(bool_or(${fraction} <> round(${fraction})), false) AS fraction`
        ]
      : []),
    ...(earliest?.columns ?? []).map(
      (c, i) =>
        `(quantile_disc(${quoteIdent(c.name)}, 0.05) - INTERVAL ${Number(earliest!.marginYears)} YEAR)::DATE::VARCHAR AS e${i}`
    )
  ];
  const [row] = aggregates.length
    ? await db.query<Record<string, unknown>>(
        `SELECT ${aggregates.join(",\n")} FROM (SELECT *${unpackFlags(readingFlags(plan, quoteIdent))
          .map((f) => `, ${f.sql} AS ${f.name}`)
          .join("")} FROM ${tableName})`
      )
    : [{} as Record<string, unknown>];
  const {formats, ambiguous} = formatsFrom(row, plan);
  if (ambiguous.length) throw await ambiguousDates(db, mapped, ambiguous[0].column, ambiguous[0].file);
  formats.scales = {...used.scales};
  return {
    formats,
    fraction: fraction ? Boolean(row.fraction) : false,
    earliest: Object.fromEntries(
      (earliest?.columns ?? []).map((c, i) => [c.name, (row[`e${i}`] as string | null) ?? null])
    )
  };
}

/** Whether two readings read every value the same way (the scale a fraction is read with is settled apart). */
function sameFormats(a: ColumnFormats, b: ColumnFormats): boolean {
  return JSON.stringify([a.decimals, a.dates]) === JSON.stringify([b.decimals, b.dates]);
}

/** The formats of a date order: csv.dateFormat when set, or day first, or month first. */
function dateOrders(csv: CsvOptions): Record<string, string[]> {
  return csv.dateFormat
    ? {set: [csv.dateFormat, ...UNAMBIGUOUS_DATES]}
    : {day: [...UNAMBIGUOUS_DATES, ...DAY_FIRST], month: [...UNAMBIGUOUS_DATES, ...MONTH_FIRST]};
}

/** csv.decimal, when it names a decimal separator. */
function givenDecimal(csv: CsvOptions): "." | "," | undefined {
  return csv.decimal === "." || csv.decimal === "," ? csv.decimal : undefined;
}

const isNumber = (column: ColumnSpec) => /DECIMAL|DOUBLE|INTEGER/.test(column.type);

/** The columns whose reading is decided from their values: dates (without csv.dateFormat), numbers (without csv.decimal). */
function decidedColumns(plan: ReadingPlan): {dates: ColumnSpec[]; numbers: ColumnSpec[]} {
  return {
    dates: plan.csv.dateFormat ? [] : plan.columns.filter((c) => c.type === "DATE"),
    numbers: givenDecimal(plan.csv) ? [] : plan.columns.filter(isNumber)
  };
}

/**
 * Per row, the flags that decide the reading (computed once per row, below the aggregates: an aggregate's FILTER
 * would repeat the work): for a date column, whether day-first and whether month-first formats read its text
 * (a year-first value is read by neither: it skips the costly parse attempts); for a numeric column, whether its
 * text ends in ",d…" and whether in ".d…" (a comma or a dot decimal, possibly with thousands groups). `speculated`:
 * the formats the row is read with, whose plain-number and ISO-date tests (already made for its value) settle most
 * values at once.
 */
function readingFlags(
  plan: ReadingPlan,
  source: (name: string) => string,
  speculated?: ColumnFormats
): {name: string; sql: string}[] {
  const {dates, numbers} = decidedColumns(plan);
  return [
    ...dates.flatMap((c, i) => {
      // A YYYY-MM-DD value (typedExpression's own test) is year first: neither order reads it.
      const parses = (formats: string[]) =>
        speculated
          ? `CASE WHEN ${isoDate(source(c.name))} THEN false ELSE ${parsesAs(source(c.name), formats)} END`
          : parsesAs(source(c.name), formats);
      return [
        {name: `__day_${i}`, sql: parses(DAY_FIRST)},
        {name: `__month_${i}`, sql: parses(MONTH_FIRST)}
      ];
    }),
    ...numbers.flatMap((c, i) => {
      const value = source(c.name);
      const ends = (separator: "," | ".") => {
        const pattern = separator === "," ? "^[-+]?[0-9 .\u00a0]*,[0-9]+$" : "^[-+]?[0-9 ,\u00a0]*\\.[0-9]+$";
        // Only a value holding the separator can match (the CASE skips the pattern on the rest).
        return `CASE WHEN contains(${value}, '${separator}') THEN regexp_matches(${trimmed(value)}, '${pattern}') ELSE false END`;
      };
      const decimal = speculated?.decimals[c.name];
      // A plain number in the speculated reading (-12 or -12.5 with its separator) ends in its separator when it
      // holds one and never in the other; the patterns decide the rest.
      const plain = decimal
        ? (separator: "," | ".") =>
            `CASE WHEN ${plainNumber(value, decimal)} THEN ${separator === decimal ? `contains(${value}, '${separator}')` : "false"} ELSE ${ends(separator)} END`
        : ends;
      return [
        {name: `__comma_${i}`, sql: plain(",")},
        {name: `__dot_${i}`, sql: plain(".")}
      ];
    })
  ];
}

/** readingFlags packed into as few working columns as hold them, a bit each (one narrow column writes fast). */
function packFlags(flags: {name: string; sql: string}[]): {name: string; sql: string}[] {
  const packed = [];
  for (let k = 0; k * 64 < flags.length; k++) {
    const bits = flags.slice(k * 64, (k + 1) * 64).map((f, bit) => `((${f.sql})::UBIGINT << ${bit})`);
    packed.push({name: `__flags_${k}`, sql: bits.join(" | ")});
  }
  return packed;
}

/** Each flag of packFlags' columns, by its readingFlags name. */
function unpackFlags(flags: {name: string}[]): {name: string; sql: string}[] {
  return flags.map((f, i) => ({name: f.name, sql: `(__flags_${Math.floor(i / 64)} >> ${i % 64}) & 1 = 1`}));
}

/** The aggregates over readingFlags that formatsFrom reads. */
function readingCounts(plan: ReadingPlan): string[] {
  const {dates, numbers} = decidedColumns(plan);
  return [
    ...dates.map(
      (_, i) => `count(*) FILTER (WHERE __day_${i} AND NOT __month_${i})::INTEGER AS d${i}_day_only,
    count(*) FILTER (WHERE __month_${i} AND NOT __day_${i})::INTEGER AS d${i}_month_only,
    count(*) FILTER (WHERE __day_${i} AND __month_${i})::INTEGER AS d${i}_both,
    min(__file) FILTER (WHERE __day_${i} AND __month_${i}) AS d${i}_file`
    ),
    ...numbers.map(
      (_, i) => `count(*) FILTER (WHERE __comma_${i})::INTEGER AS n${i}_comma,
    count(*) FILTER (WHERE __dot_${i})::INTEGER AS n${i}_dot`
    )
  ];
}

/**
 * The formats readingCounts' row shows: ',' when more values of a column end in ",d…" than in ".d…"; the date
 * order of dateOrderFrom, or day first when no value decides (`ambiguous`: those columns, each with the first
 * file holding a value both orders read).
 */
function formatsFrom(
  row: Record<string, unknown>,
  plan: ReadingPlan
): {formats: ColumnFormats; ambiguous: {column: string; file: string}[]} {
  const formats: ColumnFormats = {decimals: {}, dates: {}, scales: {}};
  const ambiguous: {column: string; file: string}[] = [];
  const {dates, numbers} = decidedColumns(plan);
  const orders = dateOrders(plan.csv);
  const decimal = givenDecimal(plan.csv);
  for (const column of plan.columns.filter((c) => c.type === "DATE")) {
    const i = dates.indexOf(column);
    const order = plan.csv.dateFormat ? "set" : dateOrderFrom(row, `d${i}`);
    if (!order) ambiguous.push({column: column.name, file: String(row[`d${i}_file`])});
    formats.dates[column.name] = orders[order ?? "day"];
  }
  for (const column of plan.columns.filter(isNumber)) {
    const i = numbers.indexOf(column);
    formats.decimals[column.name] = decimal ?? (Number(row[`n${i}_comma`]) > Number(row[`n${i}_dot`]) ? "," : ".");
  }
  return {formats, ambiguous};
}

/** The parse test of readingFlags: whether a date's text (SQL) reads in one of these formats. */
function parsesAs(source: string, formats: string[]): string {
  const text = `NULLIF(${trimmed(source)}, '')`;
  const candidate = `NOT coalesce(substr(${text}, 5, 1) IN ('-', '/') AND TRY_CAST(substr(${text}, 1, 4) AS INTEGER) IS NOT NULL, false)`;
  // An aggregate's FILTER evaluates all of its conditions on every row: the CASE skips the parse attempts.
  return `CASE WHEN ${candidate} THEN try_strptime(${text}, [${formats.map(quoteLiteral).join(", ")}]) IS NOT NULL ELSE false END`;
}

/**
 * The error for a date column no value of which tells day and month apart, with the first two such values of
 * `file` in file order: by line, or, where lines are numbered only later (read.ts), in the order read.
 */
async function ambiguousDates(db: Database, table: string, column: string, file: string): Promise<ExtractError> {
  const [{lined}] = await db.query<{lined: boolean}>(
    `SELECT count(__line) > 0 AS lined FROM (SELECT __line FROM ${table} WHERE __file = $file LIMIT 1)`,
    {file}
  );
  const examples = await inFileOrder(db, () =>
    db.query<{value: string}>(
      `SELECT NULLIF(${trimmed(quoteIdent(column))}, '') AS value FROM ${table}
       WHERE __file = $file AND ${parsesAs(quoteIdent(column), DAY_FIRST)} AND ${parsesAs(quoteIdent(column), MONTH_FIRST)}
       ${lined ? "ORDER BY __line" : ""} LIMIT 2`,
      {file}
    )
  );
  return new ExtractError({
    file,
    column,
    rule: "ambiguous_date",
    problem: `no value shows whether dates are day/month or month/day (e.g. "${examples.map((e) => e.value).join('", "')}")`,
    hint: `set "csv": {"dateFormat": "%d/%m/%Y"} (day first) or "%m/%d/%Y" (month first) for this table in segmentera.json`
  });
}

/**
 * Of day-first and month-first, the order the column's values show (year-first formats are read either way):
 * a value that only one order can read (a day above 12, or a dotted date) decides. When values of both kinds
 * occur, the larger kind wins and the others are rejected as unparseable. When no value decides: undefined
 * (the load stops and asks).
 */
function dateOrderFrom(row: Record<string, unknown>, prefix: string): "day" | "month" | undefined {
  const [dayOnly, monthOnly, both] = ["day_only", "month_only", "both"].map((k) => Number(row[`${prefix}_${k}`]));
  if (dayOnly === 0 && monthOnly === 0 && both > 0) return undefined;
  return monthOnly > dayOnly ? "month" : "day";
}

/** Thousands separators a number may use, by decimal separator: groups of three digits only. */
const GROUPS: Record<"." | ",", string[]> = {
  ".": [",", " ", "\u00a0", "\u202f", "'"],
  ",": [".", " ", "\u00a0", "\u202f", "'"]
};

/**
 * A regular expression for a number written with this decimal separator: plain digits or digits grouped by
 * three with one kind of thousands separator, then decimals; an exponent only with a decimal point (as
 * Parquet doubles print). "1 234,50" is not a number in a dot-decimal column, and NaN or Infinity never are.
 */
function numberPattern(decimal: "." | ","): string {
  const groups = GROUPS[decimal].map((g) => `[0-9]{1,3}(${g === "." ? "\\." : g}[0-9]{3})+`).join("|");
  const fraction = decimal === "." ? "\\.[0-9]+" : ",[0-9]+";
  const exponent = decimal === "." ? "([eE][-+]?[0-9]+)?" : "";
  return `^[-+]?(([0-9]+|${groups})(${fraction})?|${fraction})${exponent}$`;
}

/**
 * Whether a number's text (SQL) is plain: digits, a minus sign, the decimal separator. typedExpression casts such
 * a value at once (its pattern reads it the same way) and readingFlags knows at once how it ends.
 */
function plainNumber(source: string, decimal: "." | ","): string {
  const pattern = decimal === "." ? "-?[0-9]+(\\.[0-9]+)?" : "-?[0-9]+(,[0-9]+)?";
  return `regexp_full_match(NULLIF(${trimmed(source)}, ''), ${quoteLiteral(pattern)})`;
}

/**
 * A text (SQL) without the spaces at its ends: DuckDB's trim, which removes Unicode spaces (U+0020, U+00A0,
 * U+3000 …), skipped where it cannot change the text: all ASCII (as many bytes as characters) and no space at
 * either end. That is most values of an export, and those two tests cost a fraction of trim.
 */
export function trimmed(source: string): string {
  return `CASE WHEN strlen(${source}) = length(${source}) AND NOT (prefix(${source}, ' ') OR suffix(${source}, ' ')) THEN ${source} ELSE trim(${source}) END`;
}

/** Whether a date's text (SQL) is exactly YYYY-MM-DD once trimmed: typedExpression casts it at once. */
function isoDate(source: string): string {
  return `NULLIF(${trimmed(source)}, '') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
}

/** SQL that turns text into the column's type, or NULL when it can't. */
export function typedExpression(column: ColumnSpec, source: string, formats: ColumnFormats): string {
  const text = `NULLIF(${trimmed(source)}, '')`;
  switch (column.type) {
    case "VARCHAR":
      return text;
    case "BOOLEAN":
      return `CASE WHEN lower(${text}) IN ('true', 't', '1', 'yes', 'y', 'ja', 'j', 'x') THEN true
                   WHEN lower(${text}) IN ('false', 'f', '0', 'no', 'n', 'nej') THEN false END`;
    case "DATE": {
      const list = (formats.dates[column.name] ?? UNAMBIGUOUS_DATES).map(quoteLiteral).join(", ");
      // Years outside 1900–2100 are typos (0024, 20244), not dates.
      // Exactly YYYY-MM-DD is cast directly (cheap, and as strict as '%Y-%m-%d' on that form); other text is
      // tried against the column's formats (a plain cast would accept "2024-01-02x" or "epoch").
      // Written out twice rather than through a subquery, which DuckDB runs as a join over every row.
      const iso = isoDate(source);
      const parsed = `try_strptime(${text}, [${list}])`;
      return `CASE WHEN ${iso} THEN CASE WHEN substr(${text}, 1, 4) BETWEEN '1900' AND '2100' THEN TRY_CAST(${text} AS DATE) END
                   WHEN year(${parsed}) BETWEEN 1900 AND 2100 THEN ${parsed}::DATE END`;
    }
    default: {
      const decimal = formats.decimals[column.name] ?? ".";
      const separators = `[${GROUPS[decimal].join("")}]`;
      const normalised = `regexp_replace(${text}, ${quoteLiteral(separators)}, '', 'g')`;
      const dotted = decimal === "," ? `replace(${normalised}, ',', '.')` : normalised;
      const value = `TRY_CAST(${dotted} AS ${column.type})`;
      const valid = `regexp_matches(${text}, ${quoteLiteral(numberPattern(decimal))})`;
      const scale = formats.scales[column.name];
      const scaled = (v: string) => (scale ? `${v} * ${Number(scale)}` : v);
      // Most values are plain (digits, a sign, the decimal separator): cast at once. The pattern above reads
      // them the same way; it is tried only on the rest (grouped thousands, exponents, text).
      const plainValue = `TRY_CAST(${decimal === "," ? `replace(${text}, ',', '.')` : text} AS ${column.type})`;
      const finite = column.type === "DOUBLE" ? ` AND isfinite(${plainValue})` : "";
      return `CASE WHEN ${plainNumber(source, decimal)}${finite} THEN ${scaled(plainValue)}
                   WHEN ${valid} AND isfinite(${value}::DOUBLE) THEN ${scaled(value)} END`;
    }
  }
}

/** A file's mapped rows (a view over its raw rows) and how their lines are numbered (read.ts). */
export interface MappedPart {
  view: string;
  file: string;
  /** Rows mapped; for a reader view not yet settled, set by writeRows once it has read them. */
  rows: number;
  /**
   * The file as read. When its __line is NULL (a "reader" view), raw.deferredLines holds the lines of its
   * structural rejects; until raw is settled, writeRows settles it with the rows its first write reads.
   */
  raw: RawFile;
}

/** The working columns a table holds while its rows are checked, dropped by finishRows. */
const WORKING_COLUMNS = ["__file VARCHAR", "__line BIGINT", "__rule VARCHAR", "__column VARCHAR", "__value VARCHAR"];

/**
 * Check every mapped row into the table itself: its typed canonical columns plus, in working columns, its file,
 * line and first broken rule (NULL = accepted), so that the rows are written once, straight from the file.
 * Rows are inserted file by file in file order, so that the order of rowid within a file is the order of its
 * lines, and a file read with deferred lines gets its rejected rows' lines from their position.
 *
 * The rows are read with the formats their first rows show (`speculated`); with them each row's flags that
 * decide the formats, so that the formats all rows show are settled from the written table, and where rows
 * further down decide otherwise (rare), the table is written again with those. A discount found to be a fraction
 * is scaled in place when the amount is the extract's own (no rule reads a fraction's scale: every value lies
 * between 0 and 1), and read again when the amount is computed from it. The earliest plausible event date
 * comes from the written dates: its rule is applied to the rows whose first broken rule comes after it.
 * The caller reads the rejects from the working columns, then calls finishRows.
 * @returns the reading the rows were checked with
 * @throws ExtractError records_lost when DuckDB's reader returns another number of rows than it counted
 * @throws ExtractError ambiguous_date (settleReading)
 */
export async function checkRows(
  db: Database,
  tableName: TableName,
  mapped: string,
  parts: MappedPart[],
  plan: ReadingPlan,
  speculated: ColumnFormats,
  window: DateWindow,
  loaded: {customers: boolean; articles: boolean}
): Promise<Reading> {
  const spec = TABLES[tableName];
  const fraction = plan.questions.fraction;
  const computedAmount = tableName === "sales_lines" && !plan.columns.some((c) => c.name === "net_amount");
  let formats = speculated;
  let written = await writeRows(db, tableName, mapped, parts, plan, formats, window);
  let reading = await settleReading(db, tableName, mapped, plan, formats);
  if (!sameFormats(reading.formats, formats)) {
    formats = reading.formats;
    written = await writeRows(db, tableName, mapped, parts, plan, formats, window);
    reading = await settleReading(db, tableName, mapped, plan, formats);
  }
  if (fraction && reading.fraction) {
    reading.formats.scales[fraction.name] = 100;
    if (computedAmount) {
      written = await writeRows(db, tableName, mapped, parts, plan, reading.formats, window);
    } else {
      await db.run(`UPDATE ${tableName} SET ${quoteIdent(fraction.name)} = ${quoteIdent(fraction.name)} * 100`);
    }
  }
  // The earliest plausible date, where settled from the dates: its rule, at its place in the rule order.
  for (const {index, column} of written.deferred) {
    const bound = reading.earliest[column];
    if (!bound) continue;
    await db.run(
      `UPDATE ${tableName} SET __rule = 'implausible_date', __column = '${column}', __check = ${index},
         __value = coalesce(${quoteIdent("__raw_" + column)}, ${column}::VARCHAR)
       WHERE ${column} < DATE '${bound}' AND coalesce(__check > ${index}, true)`
    );
  }
  // Duplicate keys: the first occurrence (by file, line) is kept. Only the rows of keys that occur more than once
  // are ordered (a key column is required, so a row still without a rule has its key).
  if (spec.key.length) {
    const key = spec.key.join(", ");
    await db.run(
      `UPDATE ${tableName} AS t SET __rule = 'duplicate_key', __column = '${spec.key[0]}', __value = ${spec.key.map((k) => `t.${k}::VARCHAR`).join(" || '|' || ")}
       FROM (SELECT rowid AS id, row_number() OVER (PARTITION BY ${key} ORDER BY __file, __line, rowid) AS n
             FROM ${tableName}
             WHERE __rule IS NULL
               AND (${key}) IN (SELECT ${key} FROM ${tableName} WHERE __rule IS NULL GROUP BY ALL HAVING count(*) > 1)) AS d
       WHERE d.id = t.rowid AND d.n > 1 AND t.__rule IS NULL`
    );
  }
  for (const column of spec.columns.filter((c) => c.references && loaded[c.references])) {
    const target = column.references!;
    const key = TABLES[target].key[0];
    await db.run(
      `UPDATE ${tableName} SET __rule = 'orphan_${target === "customers" ? "customer" : "article"}', __column = '${column.name}', __value = ${column.name}
       WHERE __rule IS NULL AND ${column.name} NOT IN (SELECT ${key} FROM ${target})`
    );
  }
  // The rejected rows of files read with deferred lines: their lines, from their position in the file.
  for (const part of parts) {
    const {deferredLines} = part.raw;
    if (!deferredLines) continue;
    const start = written.starts.get(part)!;
    const position = `(x.rowid - ${start} + 1)`;
    await db.run(
      `UPDATE ${tableName} SET __line = l.line FROM (
         SELECT x.rowid AS id, ${position} + 1 + coalesce(s.pushed, 0) AS line
         FROM ${tableName} AS x
         ASOF LEFT JOIN (
           SELECT shift, max(i) AS pushed
           FROM (SELECT unnest($shifts::BIGINT[]) AS shift, generate_subscripts($shifts::BIGINT[], 1) AS i)
           GROUP BY shift
         ) AS s ON ${position} >= s.shift
         WHERE x.__rule IS NOT NULL AND x.rowid BETWEEN ${start} AND ${start + part.rows - 1}
       ) AS l
       WHERE ${tableName}.rowid = l.id`,
      {shifts: JSON.stringify(deferredLines.map((line, i) => line - (i + 1)))}
    );
  }
  return reading;
}

/**
 * Write every part's rows into the table (created anew: rowids count from 0), typed with `formats`, with their
 * first broken rule and the flags that settle the reading.
 * @returns each part's first rowid, and the place in the rule order of each rule left to checkRows
 */
async function writeRows(
  db: Database,
  tableName: TableName,
  mapped: string,
  parts: MappedPart[],
  plan: ReadingPlan,
  formats: ColumnFormats,
  window: DateWindow
): Promise<{starts: Map<MappedPart, number>; deferred: {index: number; column: string}[]}> {
  const spec = TABLES[tableName];
  await db.run(`DROP TABLE IF EXISTS ${tableName}`);
  await db.run(createTableSql(spec));
  const described = await db.query<{name: string; type: string}>(
    `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${mapped})`
  );
  const present = new Set(described.map((r) => r.name));
  const src = (name: string) => (present.has(name) ? `m.${quoteIdent(name)}` : "NULL::VARCHAR");
  const {typed, extraTyped, extraColumns} = typedColumns(tableName, present, src, formats);
  // The earliest plausible date's rule waits for the dates (checkRows) when it is settled from them; the rows
  // keep the rule's place (__check) and the date's text where it is not the date's own ISO form (__raw_…).
  const checks = ruleChecks(tableName, present, window, Boolean(plan.questions.earliest));
  const deferred = checks.flatMap((c, index) => (c.deferred ? [{index, column: c.deferred}] : []));
  const flags = packFlags(readingFlags(plan, src, formats));
  const joined = present.has("__join_missing");
  const presentColumns = spec.columns.filter((c) => present.has(c.name));
  // Each column's text, and whether it is blank, ride along for the rule checks (computed once, with the types).
  const checkColumns = presentColumns.flatMap((c) => [quoteIdent("raw_" + c.name), quoteIdent("blank_" + c.name)]);
  for (const column of [
    ...WORKING_COLUMNS,
    ...(deferred.length
      ? ["__check INTEGER", ...deferred.map((d) => `${quoteIdent("__raw_" + d.column)} VARCHAR`)]
      : []),
    ...flags.map((f) => `${f.name} UBIGINT`),
    ...extraColumns
  ])
    await db.run(`ALTER TABLE ${tableName} ADD COLUMN ${column}`);
  // a sales line's cost of goods, unless the ERP gives it, from its own figures (COST_OF_GOODS_SQL)
  const costed = tableName === "sales_lines";
  const rule = checks.length
    ? `CASE ${checks
        .map((c, i) =>
          c.deferred ? "" : `WHEN ${c.when} THEN [${c.then.join(", ")}${deferred.length ? `, '${i}'` : ""}]`
        )
        .filter(Boolean)
        .join("\n")} END`
    : "NULL::VARCHAR[]";
  const starts = new Map<MappedPart, number>(); // each file's first rowid
  for (const part of parts) {
    // A file without a column another file of the table has reads it as NULL, as the union of them all does.
    const partColumns = new Set(
      (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${part.view})`)).map((r) => r.name)
    );
    const aligned = described
      .map(
        ({name, type}) =>
          (partColumns.has(name) ? `${quoteIdent(name)}::${type}` : `NULL::${type}`) + ` AS ${quoteIdent(name)}`
      )
      .join(", ");
    const [{start}] = await db.query<{start: number}>(`SELECT count(*)::BIGINT AS start FROM ${tableName}`);
    const counting = part.raw.counting;
    await counting?.begin();
    await inFileOrder(db, () =>
      db.run(
        `INSERT INTO ${tableName} BY NAME
         SELECT * EXCLUDE (r${joined ? ", __join_missing" : ""}${checkColumns.map((c) => ", " + c).join("")}${costed ? ", cost_amount" : ""}),
                r[1] AS __rule, r[2] AS __column, r[3] AS __value${deferred.length ? ", r[4]::INTEGER AS __check" : ""}
                ${costed ? `, coalesce(cost_amount, ${COST_OF_GOODS_SQL}) AS cost_amount` : ""}
         FROM (
           SELECT t.*, ${rule} AS r
           FROM (
             SELECT
               m.__file,
               m.__line,
               ${joined ? "m.__join_missing," : ""}
               ${[
                 ...typed,
                 ...extraTyped,
                 ...flags.map((f) => `${f.sql} AS ${f.name}`),
                 // the text, unless it is exactly YYYY-MM-DD (as the date then reads back)
                 ...deferred.map(
                   ({column: c}) =>
                     `CASE WHEN ${isoDate(src(c))} AND ${src(c)} = NULLIF(${trimmed(src(c))}, '') THEN NULL ELSE ${src(c)} END AS ${quoteIdent("__raw_" + c)}`
                 ),
                 ...presentColumns.flatMap((c) => [
                   `${src(c.name)} AS ${quoteIdent("raw_" + c.name)}`,
                   `NULLIF(${trimmed(src(c.name))}, '') IS NULL AS ${quoteIdent("blank_" + c.name)}`
                 ])
               ].join(",\n               ")}
             FROM (SELECT ${aligned} FROM ${part.view}) AS m
           ) AS t
         )`
      )
    );
    const [{end}] = await db.query<{end: number}>(`SELECT count(*)::BIGINT AS end FROM ${tableName}`);
    if (counting) {
      // a reader view without a filter: every row read is mapped
      await counting.settle(end - start);
      part.rows = part.raw.rows;
    }
    if (end - start !== part.rows) {
      throw new ExtractError({
        file: part.file,
        rule: "records_lost",
        problem: `DuckDB's reader counted ${part.rows.toLocaleString("en-US")} rows but returned ${(end - start).toLocaleString("en-US")}`,
        hint: "check the file's quoting and delimiter, or export it again"
      });
    }
    starts.set(part, start);
  }
  return {starts, deferred};
}

/**
 * A sales line's cost of goods from its own figures (SQL over its columns): the amount less the margin when the
 * ERP gives a margin, else quantity × unit cost. Products and differences that may not fit are computed in 38
 * digits and are NULL beyond the column; the rest (almost every line) in the column's own 18, which is far faster
 * and gives the same value. The load computes it as it writes the lines, and completeSalesLines for the lines it
 * gives a unit cost later (the article's).
 */
export const COST_OF_GOODS_SQL = `CASE
  WHEN margin_amount IS NOT NULL THEN
    CASE WHEN abs(net_amount) < 5e13 AND abs(margin_amount) < 5e13 THEN net_amount - margin_amount
         ELSE TRY_CAST(net_amount::DECIMAL(38,4) - margin_amount AS DECIMAL(18,4)) END
  WHEN abs(quantity::DOUBLE * unit_cost::DOUBLE) < 9e10 THEN round(quantity * unit_cost, 4)
  ELSE TRY_CAST(round(quantity::DECIMAL(38,4) * unit_cost, 4) AS DECIMAL(18,4)) END`;

/** Remove the rejected rows and the working columns: the table holds its accepted rows only. */
export async function finishRows(db: Database, tableName: TableName): Promise<void> {
  const added = (await db.query<{name: string}>(`SELECT column_name AS name FROM (DESCRIBE ${tableName})`))
    .map((r) => r.name)
    .filter((name) => !TABLES[tableName].columns.some((c) => c.name === name));
  await db.run(`DELETE FROM ${tableName} WHERE __rule IS NOT NULL`);
  for (const name of added) await db.run(`ALTER TABLE ${tableName} DROP COLUMN ${quoteIdent(name)}`);
}

/** The typed canonical columns (SELECT list items over the mapped view `m`), and the derivable extra columns. */
function typedColumns(
  tableName: TableName,
  present: Set<string>,
  src: (name: string) => string,
  formats: ColumnFormats
): {typed: string[]; extraTyped: string[]; extraColumns: string[]} {
  const spec = TABLES[tableName];
  const salesColumn = (name: string) => TABLES.sales_lines.columns.find((c) => c.name === name)!;
  const typed = spec.columns.map((column) => {
    if (tableName === "sales_lines" && column.name === "net_amount" && !present.has("net_amount")) {
      // Computed from price and discount when the extract has no amount (documented in data/README.md); an
      // amount too large for the column is NULL here and rejected below.
      const [q, p, d] = ["quantity", "unit_price", "discount_pct"].map((name) =>
        typedExpression(salesColumn(name), src(name), formats)
      );
      // Exact decimal arithmetic; products beyond 10^15 (no real line) are NULL rather than an overflow error.
      const factor = `TRY_CAST(1 - coalesce(${d}, 0) / 100 AS DECIMAL(18,6))`;
      const product = `${q}::DECIMAL(38,4) * ${p}::DECIMAL(38,4) * ${factor}`;
      return `TRY_CAST(CASE WHEN abs(${q}::DOUBLE * ${p}::DOUBLE) < 1e15 THEN round(${product}, 2) END AS DECIMAL(18,4)) AS net_amount`;
    }
    return `${typedExpression(column, src(column.name), formats)} AS ${column.name}`;
  });
  const extras =
    tableName === "sales_lines"
      ? [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles].filter((c) => present.has(c))
      : [];
  // the extra columns the sales lines do not have themselves (sales_rep and unit_cost they do)
  const extraSpecs = extras
    .filter((name) => !spec.columns.some((c) => c.name === name))
    .map((name) => [...TABLES.customers.columns, ...TABLES.articles.columns].find((c) => c.name === name)!);
  return {
    typed,
    extraTyped: extraSpecs.map((c) => `${typedExpression(c, src(c.name), formats)} AS ${quoteIdent("x_" + c.name)}`),
    extraColumns: extraSpecs.map((c) => `${quoteIdent("x_" + c.name)} ${c.type}`)
  };
}

/** One branch of the CASE that names a row's first broken rule: WHEN `when` THEN [rule, column, raw value]. */
interface RuleCheck {
  when: string;
  then: [rule: string, column: string, value: string];
  /** The implausible-date rule of this event-date column, applied by checkRows once its bound is settled. */
  deferred?: string;
}

/**
 * The branches of the CASE that names each row's first broken rule, in schema order, over the typed row `t`
 * (which also holds each column's text as raw_<column> and whether it is blank as blank_<column>). Event dates
 * before settings.earliestDate are implausible; without it (`deferEarliest`), the bound comes from the dates
 * (settleReading) and the branch is left to checkRows.
 */
function ruleChecks(
  tableName: TableName,
  present: Set<string>,
  window: DateWindow,
  deferEarliest: boolean
): RuleCheck[] {
  const spec = TABLES[tableName];
  const raw = (name: string) => (present.has(name) ? `t.${quoteIdent("raw_" + name)}` : "NULL::VARCHAR");
  const isBlank = (name: string) => (present.has(name) ? `t.${quoteIdent("blank_" + name)}` : "true");
  const checks: RuleCheck[] = [];
  const check = (when: string, rule: string, column: string, value: string) =>
    checks.push({when, then: [`'${rule}'`, `'${column}'`, value]});
  // A line whose header (a joined file, loaders/extract/join.ts) is missing: nothing else about it can be read.
  if (present.has("__join_missing"))
    checks.push({
      when: "t.__join_missing IS NOT NULL",
      then: ["'orphan_header'", "t.__join_missing[1]", "t.__join_missing[2]"]
    });
  for (const column of spec.columns) {
    const blank = isBlank(column.name);
    const computed = tableName === "sales_lines" && column.name === "net_amount" && !present.has("net_amount");
    if (column.required && !computed) check(blank, "missing_required", column.name, raw(column.name));
    if (column.type !== "VARCHAR" && !computed) {
      const rule =
        column.type === "DATE"
          ? "unparseable_date"
          : column.type === "BOOLEAN"
            ? "invalid_value"
            : "unparseable_number";
      check(`NOT (${blank}) AND t.${column.name} IS NULL`, rule, column.name, raw(column.name));
    }
    if (column.allowed) {
      const allowed = column.allowed.map(quoteLiteral).join(", ");
      check(
        `t.${column.name} IS NOT NULL AND t.${column.name} NOT IN (${allowed})`,
        "invalid_value",
        column.name,
        raw(column.name)
      );
    }
  }
  for (const column of spec.columns.filter((c) => c.eventDate)) {
    const name = column.name;
    check(`t.${name} > DATE '${window.latest}'`, "future_date", name, raw(name));
    if (window.earliest) check(`t.${name} < DATE '${window.earliest}'`, "implausible_date", name, raw(name));
    else if (deferEarliest && present.has(name))
      checks.push({when: "", then: ["'implausible_date'", `'${name}'`, raw(name)], deferred: name});
  }
  const computedAmount = tableName === "sales_lines" && !present.has("net_amount");
  if (computedAmount) {
    check(
      "t.net_amount IS NULL AND t.quantity IS NOT NULL AND t.unit_price IS NOT NULL",
      "unparseable_number",
      "net_amount",
      `${raw("quantity")} || ' × ' || ${raw("unit_price")}`
    );
    check("t.net_amount IS NULL", "missing_required", "unit_price", raw("unit_price"));
  } else if (spec.sameSign) {
    const [a, b] = spec.sameSign;
    check(`sign(t.${a}) * sign(t.${b}) < 0`, "sign_mismatch", b, raw(b));
  }
  for (const column of spec.columns.filter((c) => c.bounds)) {
    const {min, max, nonZero, rule} = column.bounds!;
    const value = `t.${column.name}`;
    const outside = [
      nonZero ? `${value} = 0` : null,
      min !== undefined ? `${value} < ${Number(min)}` : null,
      max !== undefined ? `${value} > ${Number(max)}` : null
    ].filter(Boolean);
    check(outside.join(" OR "), rule, column.name, raw(column.name));
  }
  return checks;
}

/** A human sentence for a rejected row, by rule. */
export const RULE_MESSAGES: Record<string, string> = {
  missing_required: "is empty but required; fill it in or map another column",
  unparseable_number: "is not a number; check the decimal separator (csv.decimal) or the value",
  unparseable_date: "is not a date in a known format; set csv.dateFormat (e.g. %d/%m/%Y) or fix the value",
  invalid_value: "is not an allowed value for this column (see data/README.md)",
  zero_quantity: "has quantity zero; a line must sell or return something",
  sign_mismatch: "has the opposite sign of the quantity; a return has a negative quantity and a negative amount",
  future_date: "is after the as-of date (settings.asOf, or the day of the load)",
  implausible_date: "is far before the rest of the extract (settings.earliestDate sets the earliest date allowed)",
  negative_price: "is a negative price; credit notes are negative quantities, not negative prices",
  duplicate_key: "repeats a key that an earlier row already has; the first row is kept",
  orphan_customer: "names a customer that is not in the customers extract",
  orphan_article: "names an article that is not in the articles extract",
  orphan_header: "has no row in the joined file (e.g. an order line whose order header is missing)"
};

/** The dates a row may carry in its event-date columns: none after `latest`, none long before the rest. */
export interface DateWindow {
  /** The as-of date (YYYY-MM-DD): settings.asOf, or the day of the load. */
  latest: string;
  /** settings.earliestDate; when null, the column's 5th percentile minus marginYears. */
  earliest: string | null;
  marginYears: number;
}
