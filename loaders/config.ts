/**
 * The schema of segmentera.json, and its validation: every key known, every value of its type, so that a typo
 * (`colums`, `publishPersonalDta`) or a string where a boolean belongs (`"false"`) stops the load with the path
 * of the bad value and the nearest valid key, instead of being ignored or read as true.
 */
import {DEFAULT_SETTINGS} from "./settings.js";
import {COST_KINDS, MAX_AMOUNT, TABLES, type TableName} from "./schema.js";
import {DERIVED_COLUMNS} from "./extract/validate.js";
import {builtInSchemes} from "./segmentation/schemes.js";

export type Schema =
  | {type: "string"; enum?: readonly string[]; pattern?: RegExp; patternHint?: string; nullable?: boolean}
  | {type: "number"; min?: number; max?: number; integer?: boolean; nullable?: boolean}
  | {type: "boolean"}
  | {type: "object"; properties: Record<string, Schema>; required?: string[]}
  | {type: "array"; items: Schema; length?: number; ascending?: boolean; nullable?: boolean}
  | {type: "oneOf"; options: Schema[]; describe: string};

/** A problem in the configuration: the path of the value (e.g. `settings.abc.a`) and what is wrong. */
export class ConfigProblem extends Error {
  constructor(
    readonly path: string,
    problem: string
  ) {
    super(`${path ? `"${path}" ` : ""}${problem}`);
  }
}

const string = (extra: Omit<Extract<Schema, {type: "string"}>, "type"> = {}): Schema => ({type: "string", ...extra});
const number = (extra: Omit<Extract<Schema, {type: "number"}>, "type"> = {}): Schema => ({type: "number", ...extra});
const share = number({min: 0, max: 1});
const month = number({min: 1, max: 12, integer: true});
const isoDate = string({pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: "a date written YYYY-MM-DD", nullable: true});
const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: "object",
  properties,
  required
});

function tableSchema(table: TableName): Schema {
  const columns = [
    ...TABLES[table].columns.map((c) => c.name),
    ...(table === "sales_lines" ? [...DERIVED_COLUMNS.customers, ...DERIVED_COLUMNS.articles] : [])
  ];
  const mapping: Schema = {
    type: "oneOf",
    options: [string(), object({sql: string()}, ["sql"])],
    describe: 'a column name of the file, or {"sql": "<expression>"}'
  };
  const csv = object({
    delimiter: string({enum: [",", ";", "\t", "|"]}),
    encoding: string({enum: ["auto", "utf-8", "windows-1252", "latin-1"]}),
    decimal: string({enum: ["auto", ".", ","]}),
    dateFormat: string()
  });
  const names: Schema = {type: "array", items: string()};
  const join = object(
    {
      file: string(),
      on: {type: "oneOf", options: [string(), names], describe: "a column name or a list of column names"},
      columns: names,
      csv
    },
    ["file", "on", "columns"]
  );
  return object(
    {
      file: string(),
      csv,
      columns: object(Object.fromEntries(columns.map((c) => [c, mapping]))),
      where: string(),
      join: {type: "array", items: join}
    },
    ["file"]
  );
}

/** Scheme ids a custom scheme may not take: the built-in schemes' and the columns scheme rows are read with. */
export const RESERVED_SCHEME_IDS = [
  ...builtInSchemes(DEFAULT_SETTINGS).map((s) => s.id),
  ...["customer_id", "customer", "period", "grain", "scheme", "segment", "sales_rep"],
  ...["revenue", "gross_margin", "cost_to_serve", "net_contribution"]
];

const SETTINGS_SCHEMA = object({
  locale: string({pattern: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/, patternHint: 'a BCP 47 locale such as "sv-SE"'}),
  currency: string({pattern: /^[A-Z]{3}$/, patternHint: 'an ISO 4217 code such as "SEK"'}),
  fiscalYearStartMonth: month,
  seasons: {type: "array", items: object({name: string(), startMonth: month}, ["name", "startMonth"])},
  abc: object({a: share, b: share}),
  privateLabelShareThreshold: share,
  // a rate must fit the warehouse's money, DECIMAL(18,4); what its costs add up to is checked by the engine
  costRates: object(Object.fromEntries(COST_KINDS.map((kind) => [kind, number({min: 0, max: MAX_AMOUNT - 1})]))),
  kraljic: object({cut: share}),
  sizeClasses: {
    type: "array",
    items: object({label: string(), maxEmployees: number({min: 0, nullable: true})}, ["label", "maxEmployees"])
  },
  profileStaleMonths: number({min: 0}),
  orderValueBreaks: {type: "array", items: number({min: 0}), length: 3, ascending: true, nullable: true},
  frequencyBreaks: {type: "array", items: number({min: 1}), length: 3, ascending: true},
  customerTypeLabels: object({catalogue: string(), private_label: string()}),
  asOf: isoDate,
  earliestDate: isoDate,
  dateMarginYears: number({min: 0}),
  discountAs: string({enum: ["auto", "percent", "fraction"]}),
  maxRejectedRevenueShare: share,
  publishPersonalData: {type: "boolean"},
  customSchemes: {
    type: "array",
    items: object(
      {
        name: string({pattern: /^[a-z][a-z0-9_]*$/, patternHint: "snake_case, starting with a letter"}),
        label: string(),
        description: string(),
        sql: string(),
        order: {type: "array", items: string()},
        population: string({enum: ["all", "catalogue"]})
      },
      ["name", "label", "sql"]
    )
  }
});

export const CONFIG_SCHEMA: Schema = object(
  {
    $schema: string(),
    name: string(),
    description: string(),
    tables: object(Object.fromEntries(Object.keys(TABLES).map((t) => [t, tableSchema(t as TableName)])), [
      "sales_lines"
    ]),
    settings: SETTINGS_SCHEMA
  },
  ["tables"]
);

/**
 * Check a parsed segmentera.json against the schema, and the rules a schema cannot say (custom scheme ids
 * unique and not reserved).
 * @throws ConfigProblem naming the path of the first bad value
 * @example validateConfig({tables: {sales_lines: {file: "x.csv", colums: {}}}})
 * // throws: "tables.sales_lines.colums" is not a key of tables.sales_lines; did you mean "columns"?
 */
export function validateConfig(config: unknown): void {
  check(config, CONFIG_SCHEMA, "");
  const schemes = (config as {settings?: {customSchemes?: {name: string}[]}}).settings?.customSchemes ?? [];
  schemes.forEach(({name}, i) => {
    const path = `settings.customSchemes.${i}.name`;
    if (RESERVED_SCHEME_IDS.includes(name)) {
      throw new ConfigProblem(
        path,
        `is "${name}", which a built-in scheme or a column already uses; choose another id`
      );
    }
    if (schemes.findIndex((s) => s.name === name) !== i) {
      throw new ConfigProblem(path, `is "${name}", which an earlier custom scheme already uses`);
    }
  });
}

function check(value: unknown, schema: Schema, path: string): void {
  const where = path || "the file";
  switch (schema.type) {
    case "string":
      if (value === null && schema.nullable) return;
      if (typeof value !== "string") throw new ConfigProblem(path, `must be a string, not ${show(value)}`);
      if (schema.enum && !schema.enum.includes(value)) {
        throw new ConfigProblem(path, `must be one of ${schema.enum.map(show).join(", ")}, not ${show(value)}`);
      }
      if (schema.pattern && !schema.pattern.test(value)) {
        throw new ConfigProblem(path, `must be ${schema.patternHint}, not ${show(value)}`);
      }
      return;
    case "number":
      if (value === null && schema.nullable) return;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ConfigProblem(path, `must be a number, not ${show(value)}`);
      }
      if (schema.integer && !Number.isInteger(value)) throw new ConfigProblem(path, `must be a whole number`);
      if ((schema.min !== undefined && value < schema.min) || (schema.max !== undefined && value > schema.max)) {
        throw new ConfigProblem(path, `must be between ${schema.min ?? "-∞"} and ${schema.max ?? "∞"}, not ${value}`);
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") throw new ConfigProblem(path, `must be true or false, not ${show(value)}`);
      return;
    case "array":
      if (value === null && schema.nullable) return;
      if (!Array.isArray(value)) throw new ConfigProblem(path, `must be a list, not ${show(value)}`);
      value.forEach((item, i) => check(item, schema.items, `${path}.${i}`));
      if (schema.length !== undefined && value.length !== schema.length) {
        throw new ConfigProblem(path, `must be a list of ${schema.length} values, not ${value.length}`);
      }
      if (schema.ascending && value.some((item, i) => i > 0 && item <= value[i - 1])) {
        throw new ConfigProblem(
          path,
          `must be in ascending order, each value above the one before (got ${show(value)})`
        );
      }
      return;
    case "oneOf":
      if (!schema.options.some((option) => passes(value, option, path))) {
        throw new ConfigProblem(path, `must be ${schema.describe}, not ${show(value)}`);
      }
      return;
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new ConfigProblem(path, `must be an object, not ${show(value)}`);
      }
      const keys = Object.keys(schema.properties);
      for (const [key, item] of Object.entries(value)) {
        const child = path ? `${path}.${key}` : key;
        if (!(key in schema.properties)) {
          const nearest = nearestKey(key, keys);
          throw new ConfigProblem(
            child,
            `is not a key of ${where}${nearest ? `; did you mean "${nearest}"?` : `; use one of ${keys.join(", ")}`}`
          );
        }
        check(item, schema.properties[key], child);
      }
      for (const key of schema.required ?? []) {
        if (!(key in value)) throw new ConfigProblem(path ? `${path}.${key}` : key, `is required in ${where}`);
      }
      return;
    }
  }
}

function passes(value: unknown, schema: Schema, path: string): boolean {
  try {
    check(value, schema, path);
    return true;
  } catch {
    return false;
  }
}

/** The key within edit distance 3 (and less than half the key's length) of `key`, if any. */
export function nearestKey(key: string, keys: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of keys) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.min(3, Math.ceil(key.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
