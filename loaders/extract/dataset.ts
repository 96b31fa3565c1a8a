/**
 * A dataset: a folder with the user's extract files and a `segmentera.json` that maps them onto the canonical
 * format (loaders/schema.ts). See data/README.md for the documented format.
 */
import {existsSync} from "node:fs";
import {readdir, readFile} from "node:fs/promises";
import {basename, dirname, isAbsolute, join, relative, resolve} from "node:path";
import {TABLES, type TableName} from "../schema.js";
import {DEFAULT_SETTINGS, mergeSettings, type Settings} from "../settings.js";
import {ExtractError} from "./errors.js";

export interface CsvOptions {
  /** Field delimiter; detected from the header line when absent. */
  delimiter?: string;
  /** "auto" (default): UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
  encoding?: "auto" | "utf-8" | "windows-1252" | "latin-1";
  /** Decimal separator; "auto" (default) decides per column from the values. */
  decimal?: "." | "," | "auto";
  /** A strptime format tried before the built-in list (ISO, 31.12.2024, 31/12/2024, 2024/12/31, 20241231). */
  dateFormat?: string;
}

export type ColumnMapping = string | {sql: string};

export interface TableConfig {
  /** File name relative to the dataset folder, an absolute path, or a pattern with `*`. */
  file: string;
  csv?: CsvOptions;
  /** Canonical column → source column (or {sql}); identity when the source has the canonical name. */
  columns?: Record<string, ColumnMapping>;
  /** SQL filter over the source columns; rows it drops are counted as filtered. */
  where?: string;
}

export interface DatasetConfig {
  name?: string;
  description?: string;
  tables: Partial<Record<TableName, TableConfig>>;
  settings?: Partial<Settings>;
}

export interface Dataset {
  dir: string;
  name: string;
  config: DatasetConfig;
  settings: Settings;
  /** Absolute paths of the files of each configured table. */
  tableFiles: Partial<Record<TableName, string[]>>;
  /** All extract files, for content hashing. */
  files: string[];
}

export const CONFIG_FILE = "segmentera.json";

/**
 * Read and validate a dataset folder's segmentera.json and find its files.
 * @throws ExtractError (bad_config, file_missing) naming the file and what to fix
 */
export async function readDataset(dir: string): Promise<Dataset> {
  const configPath = join(dir, CONFIG_FILE);
  if (!existsSync(configPath)) {
    throw new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: "the dataset has no segmentera.json",
      hint: "create one; see data/README.md"
    });
  }
  let config: DatasetConfig;
  try {
    config = JSON.parse(await readFile(configPath, "utf8"));
  } catch (error) {
    throw new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: `it is not valid JSON (${(error as Error).message})`,
      hint: "fix the JSON syntax"
    });
  }
  if (typeof config !== "object" || config === null || typeof config.tables !== "object" || config.tables === null) {
    throw new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: 'it has no "tables" object',
      hint: 'add "tables": {"sales_lines": {"file": "…"}}'
    });
  }
  for (const name of Object.keys(config.tables)) {
    if (!(name in TABLES)) {
      throw new ExtractError({
        file: configPath,
        column: name,
        rule: "bad_config",
        problem: `"${name}" is not a table Segmentera knows`,
        hint: `use one of ${Object.keys(TABLES).join(", ")}`
      });
    }
  }
  if (!config.tables.sales_lines) {
    throw new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: "it maps no sales_lines table",
      hint: 'add "sales_lines": {"file": "your-invoice-lines.csv"}; sales lines are the one required extract'
    });
  }
  const tableFiles: Dataset["tableFiles"] = {};
  for (const [name, table] of Object.entries(config.tables) as [TableName, TableConfig][]) {
    if (typeof table?.file !== "string") {
      throw new ExtractError({
        file: configPath,
        column: name,
        rule: "bad_config",
        problem: `table "${name}" has no "file"`,
        hint: 'give the file name, e.g. "file": "customers.csv"'
      });
    }
    tableFiles[name] = await resolveFiles(dir, table.file, name);
  }
  return {
    dir,
    name: config.name ?? basename(resolve(dir)),
    config,
    settings: mergeSettings(DEFAULT_SETTINGS, config.settings ?? {}),
    tableFiles,
    files: Object.values(tableFiles).flat()
  };
}

async function resolveFiles(dir: string, pattern: string, table: string): Promise<string[]> {
  const path = isAbsolute(pattern) ? pattern : join(dir, pattern);
  if (!pattern.includes("*")) {
    if (!existsSync(path)) {
      throw new ExtractError({
        file: path,
        rule: "file_missing",
        problem: `the ${table} extract is missing`,
        hint: `put the file there or correct "file" for ${table} in segmentera.json`
      });
    }
    return [resolve(path)];
  }
  const folder = dirname(path);
  const matcher = new RegExp(`^${basename(path).split("*").map(escapeRegExp).join(".*")}$`);
  const matches = existsSync(folder) ? (await readdir(folder)).filter((f) => matcher.test(f)).sort() : [];
  if (!matches.length) {
    throw new ExtractError({
      file: path,
      rule: "file_missing",
      problem: `no file matches the ${table} pattern`,
      hint: `check "file" for ${table} in segmentera.json`
    });
  }
  return matches.map((f) => resolve(folder, f));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}
