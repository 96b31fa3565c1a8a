/**
 * In-browser SQL for analyst pages: duckdb-wasm self-hosted from node_modules (Framework copies the wasm
 * and worker into dist/_node), never fetched from a CDN, with extension auto-loading switched off.
 * Only pages that import this module download the ~34 MB engine; report pages never do.
 *
 * Tables are registered from Arrow IPC streams written by our loaders (`*.arrow`), so types survive.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import {tableToIPC, type Table} from "apache-arrow";
import aq from "arquero/dist/arquero.js";

// Only the "eh" bundle is shipped (see RECIPE.md: both bundles would add ~74 MB to dist/).
const WASM_URL = new URL(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"), import.meta.url).href;
const WORKER_URL = new URL(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"), import.meta.url)
  .href;

export interface QueryResult {
  /** Rows as plain objects: numbers (BigInt and DECIMAL converted), Dates, strings. */
  rows: Record<string, unknown>[];
  /** Column names and DuckDB/Arrow type names, in order. */
  columns: {name: string; type: string}[];
  /** Milliseconds the query took. */
  elapsedMs: number;
}

export interface SqlClient {
  /** Run SQL; `params` are bound to `?` placeholders through a prepared statement (never concatenated). */
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  /** Names of the registered tables with their columns. */
  tables(): Promise<{table: string; columns: string[]}[]>;
  close(): Promise<void>;
}

/**
 * Start duckdb-wasm and register each Arrow IPC buffer as a table.
 * @example const db = await createSqlClient({customers: await FileAttachment("data/customers.arrow").arrayBuffer()})
 */
export async function createSqlClient(tables: Record<string, ArrayBuffer | Uint8Array>): Promise<SqlClient> {
  const worker = new Worker(WORKER_URL, {type: "module"});
  const database = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await database.instantiate(WASM_URL);
  const connection = await database.connect();
  await connection.query("SET autoinstall_known_extensions = false");
  await connection.query("SET autoload_known_extensions = false");
  for (const [name, buffer] of Object.entries(tables)) {
    const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    await connection.insertArrowFromIPCStream(bytes, {name, create: true});
  }
  // The tables are loaded: from here on no query may read a file or a URL (read_csv('http://…'), read_text,
  // ATTACH), and no query may switch that back on.
  await connection.query("SET enable_external_access = false");
  await connection.query("SET lock_configuration = true");
  return {
    async query(sql, params = []) {
      const start = performance.now();
      let result: Table;
      if (params.length) {
        const statement = await connection.prepare(sql);
        try {
          result = await statement.query(...params);
        } finally {
          await statement.close();
        }
      } else {
        result = await connection.query(sql);
      }
      const elapsedMs = performance.now() - start;
      return {
        rows: toRows(result),
        columns: result.schema.fields.map((f) => ({name: f.name, type: String(f.type)})),
        elapsedMs
      };
    },
    async tables() {
      const result = await connection.query(
        "SELECT table_name, list(column_name ORDER BY ordinal_position) AS columns FROM information_schema.columns GROUP BY table_name ORDER BY table_name"
      );
      return toRows(result).map((r) => ({table: String(r.table_name), columns: [...(r.columns as Iterable<string>)]}));
    },
    async close() {
      await connection.close();
      await database.terminate();
      worker.terminate();
    }
  };
}

/** Arrow → plain rows through Arquero, which turns BigInt and DECIMAL into numbers and dates into Dates. */
function toRows(table: Table): Record<string, unknown>[] {
  if (table.numRows === 0) return [];
  return aq.fromArrow(tableToIPC(table)).objects() as Record<string, unknown>[];
}
