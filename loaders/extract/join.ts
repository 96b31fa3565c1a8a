/**
 * Joins in the mapping: a canonical table defined from several files, e.g. order lines with their order
 * header's date and customer. Each joined file is read and reconciled on its own (rows read = accepted +
 * rejected, where a rejected row is malformed or repeats a key); the lines are then joined to its accepted
 * rows by key, and a line without a header row is rejected as orphan_header. See data/README.md.
 */
import {quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import type {TableName} from "../schema.js";
import type {JoinConfig} from "./dataset.js";
import {displayPath} from "./dataset.js";
import {ExtractError} from "./errors.js";
import {dropRaw, readRaw} from "./read.js";
import {insertStructuralRejects} from "./rejects.js";

export interface JoinedFile {
  /** Temp table with the join key, the columns brought in and __found (true). */
  table: string;
  file: string;
  key: string[];
  columns: string[];
}

/**
 * Read one joined file: its rows with a unique key, and its reconciliation and rejects recorded.
 * @throws ExtractError when a key or a column named in the join is not in the file
 */
export async function readJoinedFile(
  db: Database,
  tableName: TableName,
  join: JoinConfig,
  path: string,
  index: number
): Promise<JoinedFile> {
  const shown = displayPath(path);
  const raw = await readRaw(db, path, `join_${tableName}_${index}`, join.csv);
  const key = typeof join.on === "string" ? [join.on] : join.on;
  for (const column of [...key, ...join.columns]) {
    if (!raw.columns.includes(column)) {
      throw new ExtractError({
        file: shown,
        column,
        rule: "unknown_column",
        problem: `the join for ${tableName} names column "${column}", which the file does not have`,
        hint: `use one of the file's columns: ${raw.columns.join(", ")}`
      });
    }
  }
  const keyList = key.map(quoteIdent).join(", ");
  const table = `${raw.table}_kept`;
  // The first row of a key (by line) is kept; later rows with the same key are rejected.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS
     SELECT ${[...key, ...join.columns].map(quoteIdent).join(", ")}, true AS __found, __line,
            row_number() OVER (PARTITION BY ${keyList} ORDER BY __line) > 1 AS __duplicate
     FROM ${raw.table}`
  );
  const keyText = key.map((k) => `coalesce(${quoteIdent(k)}, '')`).join(" || '|' || ");
  await db.run(
    `INSERT INTO rejects
     SELECT $table, $file, __line, $column, ${keyText}, 'duplicate_key',
            format('Line {} of {}: {} "{}" repeats a key that an earlier row already has; the first row is kept', __line, $file, $column, ${keyText}),
            NULL, 1
     FROM ${table} WHERE __duplicate`,
    {table: tableName, file: shown, column: key.join("+")}
  );
  await insertStructuralRejects(db, tableName, shown, raw.rejects);
  const [{duplicates}] = await db.query<{duplicates: number}>(
    `SELECT count(*) FILTER (WHERE __duplicate)::INTEGER AS duplicates FROM ${table}`
  );
  await db.run(`DELETE FROM ${table} WHERE __duplicate`);
  await db.run(`ALTER TABLE ${table} DROP COLUMN __duplicate`);
  await db.run(`ALTER TABLE ${table} DROP COLUMN __line`);
  await db.run(`INSERT INTO load_files VALUES ($table, $file, $read, $accepted, $rejected, 0, 0, 0, 0, $lines, 0)`, {
    table: tableName,
    file: shown,
    read: raw.records,
    accepted: raw.rows - duplicates,
    rejected: duplicates + raw.rejects.length,
    lines: raw.lines
  });
  await dropRaw(db, raw);
  return {table, file: shown, key, columns: join.columns};
}

/**
 * The FROM clause of a main file joined to its headers, and the column that names a missing header:
 * [key column, key value] for the first join the line has no row in.
 */
export function joinClause(main: string, joins: JoinedFile[]): {from: string; missing: string} {
  const from = joins
    .map((j, i) => `LEFT JOIN ${j.table} AS j${i} USING (${j.key.map(quoteIdent).join(", ")})`)
    .join("\n");
  const missing = joins.length
    ? `CASE ${joins
        .map(
          (j, i) =>
            `WHEN j${i}.__found IS NULL THEN [${quoteLiteral(j.key.join("+"))}, ${j.key.map((k) => `coalesce(m.${quoteIdent(k)}, '')`).join(" || '|' || ")}]`
        )
        .join(" ")} END`
    : "NULL::VARCHAR[]";
  return {from: `${main} AS m\n${from}`, missing};
}
