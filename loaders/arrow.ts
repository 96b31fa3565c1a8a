/**
 * Rows as an Arrow IPC stream, for the data loaders' `.arrow` files: numbers as 64-bit floats, booleans, dates
 * (milliseconds), BigInts as 64-bit integers, and text dictionary-encoded with the narrowest index its distinct
 * values fit (8 bits for a scheme's segments, 16 for a few thousand customers), or plain when nearly every value
 * differs. A page downloads these files whole: the index width alone was a third of a customer table's bytes.
 */
import {
  bool,
  dateMillisecond,
  dictionary,
  float64,
  int16,
  int32,
  int64,
  int8,
  nullType,
  tableFromArrays,
  tableToIPC,
  utf8,
  type DataType
} from "@uwdata/flechette";

/**
 * The Arrow IPC stream of `rows` (objects with the same keys; the first row's keys name the columns).
 * @throws Error when a column mixes kinds of values (text and numbers), which no Arrow type holds.
 */
export function arrowStream(rows: readonly Record<string, unknown>[]): Uint8Array {
  const names = rows.length ? Object.keys(rows[0]) : [];
  const data: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  for (const name of names) {
    const values = rows.map((row) => row[name] ?? null);
    data[name] = values;
    types[name] = columnType(name, values);
  }
  return tableToIPC(tableFromArrays(data, {types}), {format: "stream"})!;
}

function columnType(name: string, values: unknown[]): DataType {
  const kinds = new Set(values.filter((v) => v !== null).map((v) => (v instanceof Date ? "date" : typeof v)));
  if (kinds.size > 1) throw new Error(`column ${name} mixes ${[...kinds].join(" and ")} values`);
  const [kind] = kinds;
  switch (kind) {
    case undefined:
      return nullType();
    case "number":
      return float64();
    case "boolean":
      return bool();
    case "bigint":
      return int64();
    case "date":
      return dateMillisecond();
    case "string": {
      const distinct = new Set(values).size;
      // plain only when nearly every value differs: a repeated value (a customer in two years) is stored once
      if (distinct > values.length * 0.9 && distinct > 127) return utf8();
      return dictionary(utf8(), distinct <= 127 ? int8() : distinct <= 32767 ? int16() : int32());
    }
    default:
      throw new Error(`column ${name} holds ${kind} values, which an Arrow file does not`);
  }
}
