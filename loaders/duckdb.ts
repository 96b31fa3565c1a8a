/**
 * The one place loaders open DuckDB. Extension auto-install is off: these machines (and a
 * company's customer data) never reach an extension host.
 */
import {DuckDBConnection, DuckDBInstance, type DuckDBValue} from "@duckdb/node-api";

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface Database {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  /** Run a statement, discarding the result. */
  run(sql: string, params?: Params): Promise<void>;
  /** Run a query and return its rows as plain JS objects (BIGINT → number when safe, DECIMAL → number, DATE → "YYYY-MM-DD"). */
  query<T = Row>(sql: string, params?: Params): Promise<T[]>;
  close(): void;
}

const SAFE_OPTIONS = {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false"
};

/** Buffer memory DuckDB keeps for reuse (openDatabase; more gained nothing at scale 10). */
const BLOCK_MEMORY_KEPT = "2GB";

/**
 * Open (or create) a DuckDB database; ":memory:" (the default) for an in-memory one.
 * @example const db = await openDatabase(); await db.query("SELECT 42 AS answer") // [{answer: 42}]
 */
export async function openDatabase(path = ":memory:", {readOnly = false} = {}): Promise<Database> {
  const options: Record<string, string> = {...SAFE_OPTIONS};
  if (readOnly) options.access_mode = "READ_ONLY";
  // A memory cap for big loads on small machines (e.g. SEGMENTERA_MEMORY_LIMIT=3GB); DuckDB spills beyond it.
  if (process.env.SEGMENTERA_MEMORY_LIMIT) options.memory_limit = process.env.SEGMENTERA_MEMORY_LIMIT;
  // DuckDB keeps up to this much of the memory its buffers have used, for reuse, instead of handing it back to
  // the system and touching it afresh: a page fault per 4 kB page, which a virtual machine makes dear. It keeps
  // only what its buffers once held, so never more than the cap (BENCHMARKS.md).
  options.block_allocator_memory = BLOCK_MEMORY_KEPT;
  const instance = await DuckDBInstance.create(path, options);
  const connection = await instance.connect();
  return {
    instance,
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async query<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map(toPlainRow) as T[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/** Make DuckDB's JS values JSON-friendly: BigInt → number, a midnight Date → "YYYY-MM-DD". */
function toPlainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = toPlainValue(value);
  return out;
}

function toPlainValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`Integer ${value} is too large to represent exactly; cast it to DECIMAL or VARCHAR in SQL`);
    }
    return Number(value);
  }
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(toPlainValue);
  return value;
}

/** Quote an SQL identifier (identifiers can't be bound as parameters). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote an SQL string literal, for the few places DuckDB takes no parameter (file paths in COPY). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
