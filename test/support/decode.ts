/**
 * Every string value inside a built data file, decoded the way a page reads it: Arrow tables value by value
 * (their strings are stored back to back, so a text search of the bytes cannot tell where one ends), JSON,
 * CSV. Other files give nothing here (callers search their raw text). A file type that carries data but has
 * no decoder here fails, so that it cannot slip past the privacy test.
 */
import {tableFromIPC} from "apache-arrow";
import {parseCsv} from "./csv.js";

export async function decodedStrings(file: string, bytes: Buffer): Promise<string[]> {
  if (file.endsWith(".arrow")) {
    const table = tableFromIPC(bytes);
    const out: string[] = [];
    for (const field of table.schema.fields) {
      const column = table.getChild(field.name)!;
      for (let i = 0; i < column.length; i++) {
        const value = column.get(i);
        if (typeof value === "string") out.push(value);
      }
    }
    return out;
  }
  if (file.endsWith(".json")) {
    const out: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === "string") out.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") Object.entries(value).forEach(([k, v]) => (out.push(k), walk(v)));
    };
    walk(JSON.parse(bytes.toString("utf8")));
    return out;
  }
  if (file.endsWith(".csv")) return parseCsv(bytes.toString("utf8")).flat();
  if (/\.(parquet|xlsx|sqlite|duckdb)$/.test(file)) throw new Error(`${file}: no decoder for this data file type`);
  return [];
}
