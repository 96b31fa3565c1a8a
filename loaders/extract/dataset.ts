/**
 * A dataset: a folder with the user's extract files and a `segmentera.json` that maps them onto the canonical
 * format (loaders/schema.ts). See data/README.md for the documented format.
 */
import {existsSync} from "node:fs";
import {readdir, readFile, realpath} from "node:fs/promises";
import {basename, dirname, isAbsolute, join, relative, resolve} from "node:path";
import {ConfigProblem, validateConfig} from "../config.js";
import type {TableName} from "../schema.js";
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

/** A file joined to a table's lines by key, bringing columns the lines lack (e.g. an order header's date). */
export interface JoinConfig {
  /** File name relative to the dataset folder. */
  file: string;
  /** The key column(s), named the same in both files. */
  on: string | string[];
  /** The joined file's columns to bring in; map them under "columns" like the file's own. */
  columns: string[];
  csv?: CsvOptions;
}

export interface TableConfig {
  /** File name relative to the dataset folder, or a pattern with `*`; it must stay inside the folder. */
  file: string;
  csv?: CsvOptions;
  /** Canonical column → source column (or {sql}); identity when the source has the canonical name. */
  columns?: Record<string, ColumnMapping>;
  /** SQL filter over the source columns; rows it drops are counted as filtered. */
  where?: string;
  /** Files joined to each row by key (see JoinConfig). */
  join?: JoinConfig[];
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
  /** Absolute paths of each table's joined files, in the order of its "join". */
  joinFiles: Partial<Record<TableName, string[]>>;
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
  try {
    validateConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigProblem)) throw error;
    throw new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: error.message,
      hint: "correct segmentera.json; data/README.md lists every key and its values"
    });
  }
  const tableFiles: Dataset["tableFiles"] = {};
  const joinFiles: Dataset["joinFiles"] = {};
  for (const [name, table] of Object.entries(config.tables) as [TableName, TableConfig][]) {
    tableFiles[name] = await resolveFiles(dir, table.file, name, configPath);
    const joined: string[] = [];
    for (const join of table.join ?? []) joined.push(...(await resolveFiles(dir, join.file, name, configPath)));
    joinFiles[name] = joined;
  }
  return {
    dir,
    name: config.name ?? basename(resolve(dir)),
    config,
    settings: mergeSettings(DEFAULT_SETTINGS, config.settings ?? {}),
    tableFiles,
    joinFiles,
    files: [...Object.values(tableFiles).flat(), ...Object.values(joinFiles).flat()]
  };
}

/**
 * The files of one table: a name or a `*` pattern relative to the dataset folder. A path that leads outside the
 * folder (absolute, `..`, or a symbolic link) is refused, so a mapping can never make Segmentera read, and
 * echo in a message, another file of the machine.
 */
async function resolveFiles(dir: string, pattern: string, table: string, configPath: string): Promise<string[]> {
  const root = await realpath(dir);
  const path = resolve(root, pattern);
  const outside = (p: string) => {
    const rel = relative(root, p);
    return rel === "" || rel.startsWith("..") || isAbsolute(rel);
  };
  const refuse = () =>
    new ExtractError({
      file: configPath,
      rule: "bad_config",
      problem: `the ${table} file "${pattern}" is outside the dataset folder`,
      hint: "put the extract in the dataset folder (next to segmentera.json) and name it relative to that folder"
    });
  if (isAbsolute(pattern) || outside(path)) throw refuse();
  if (!pattern.includes("*")) {
    if (!existsSync(path)) {
      throw new ExtractError({
        file: path,
        rule: "file_missing",
        problem: `the ${table} extract is missing`,
        hint: `put the file there or correct "file" for ${table} in segmentera.json`
      });
    }
    if (outside(await realpath(path))) throw refuse();
    return [path];
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
  const files = matches.map((f) => resolve(folder, f));
  for (const file of files) if (outside(await realpath(file))) throw refuse();
  return files;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}
