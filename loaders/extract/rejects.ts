/**
 * Structural rejects (lines DuckDB could not split, records a stray quote swallowed or cut off) into the
 * rejects table, in one statement: for a table's own files and for its joined files alike.
 */
import type {Database} from "../duckdb.js";
import type {TableName} from "../schema.js";
import type {StructuralReject} from "./read.js";

/**
 * Insert a file's structural rejects as `malformed_line`, with the amount `amountOf` can still read from a
 * single malformed line (NULL when it cannot, or when no reader is given).
 */
export async function insertStructuralRejects(
  db: Database,
  table: TableName,
  file: string,
  rejects: StructuralReject[],
  amountOf?: (line: string) => string | null
): Promise<void> {
  if (!rejects.length) return;
  const rows = rejects.map((reject) => ({
    line: reject.line,
    column: reject.column,
    value: reject.value,
    message: `Line ${reject.line} of ${file}: ${reject.message}`,
    amount: reject.text !== undefined && amountOf ? amountOf(reject.text) : null,
    lines: reject.lines
  }));
  await db.run(
    `INSERT INTO rejects
     SELECT $table, $file, r.line, r.column, r.value, 'malformed_line', r.message, TRY_CAST(r.amount AS DECIMAL(18,4)), r.lines
     FROM (SELECT unnest(from_json($rows, '[{"line":"BIGINT","column":"VARCHAR","value":"VARCHAR","message":"VARCHAR","amount":"VARCHAR","lines":"BIGINT"}]'), recursive := true)) AS r`,
    {table, file, rows: JSON.stringify(rows)}
  );
}
