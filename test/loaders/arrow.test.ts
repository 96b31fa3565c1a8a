import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {arrowStream} from "../../loaders/arrow.js";

/** Decoded with apache-arrow, another library than the one that wrote the stream. */
function decode(bytes: Uint8Array) {
  const table = tableFromIPC(bytes);
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  return {rows: table.toArray().map((r) => ({...r.toJSON()})), types};
}

describe("arrowStream", () => {
  it("keeps every value and its kind, nulls included", () => {
    const rows = [
      {
        segment: "A",
        customer: "Kund 1",
        revenue: 1234.5,
        active: true,
        lines: 10n,
        day: new Date(Date.UTC(2024, 1, 29))
      },
      {segment: null, customer: "Kund 2", revenue: -0.25, active: false, lines: null, day: null},
      {segment: "A", customer: "Kund 3", revenue: null, active: null, lines: -3n, day: new Date(Date.UTC(1999, 11, 31))}
    ];
    const {rows: back, types} = decode(arrowStream(rows));
    expect(back).toEqual(rows.map((r) => ({...r, day: r.day?.getTime() ?? null})));
    expect(types).toMatchObject({revenue: "Float64", active: "Bool", lines: "Int64", day: "Date64<MILLISECOND>"});
  });

  it("stores text of few distinct values with the narrowest index, and all-distinct text plain", () => {
    const rows = Array.from({length: 1000}, (_, i) => ({
      segment: ["A", "B", "C"][i % 3],
      customer_id: `K${i % 800}`,
      invoice_id: `F${i}`,
      empty: null
    }));
    const {rows: back, types} = decode(arrowStream(rows));
    expect(back).toEqual(rows);
    expect(types.segment).toBe("Dictionary<Int8, Utf8>");
    expect(types.customer_id).toBe("Dictionary<Int16, Utf8>");
    expect(types.invoice_id).toBe("Utf8");
    expect(types.empty).toBe("Null");
  });

  it("writes no columns for no rows, and refuses a column that mixes text and numbers", () => {
    expect(decode(arrowStream([])).rows).toEqual([]);
    expect(() => arrowStream([{v: "1"}, {v: 2}])).toThrow("column v mixes string and number values");
  });
});
