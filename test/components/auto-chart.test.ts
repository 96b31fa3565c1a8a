/**
 * autoChart picks a chart from a result's shape; every spec it makes must compile with Vega-Lite.
 */
import {compile} from "vega-lite";
import {describe, expect, it} from "vitest";
import {autoChart} from "../../src/components/auto-chart.js";

const rows = [
  {period: "2024", region: "Skåne", type: "catalogue", revenue: 10, orders: 2},
  {period: "2025", region: "Norrland", type: "private_label", revenue: 20, orders: 3}
];

describe("autoChart", () => {
  it.each([
    [
      "a period and a number → line",
      [
        {name: "period", type: "Utf8"},
        {name: "revenue", type: "Float64"}
      ],
      "line"
    ],
    [
      "a date and a number → line",
      [
        {name: "day", type: "Date32<DAY>"},
        {name: "revenue", type: "Float64"}
      ],
      "line"
    ],
    [
      "a category and a number → bar",
      [
        {name: "region", type: "Utf8"},
        {name: "revenue", type: "Float64"}
      ],
      "bar"
    ],
    [
      "two numbers → scatter",
      [
        {name: "revenue", type: "Float64"},
        {name: "orders", type: "Int64"}
      ],
      "scatter"
    ],
    [
      "two categories and a number → heatmap",
      [
        {name: "region", type: "Utf8"},
        {name: "type", type: "Utf8"},
        {name: "revenue", type: "Float64"}
      ],
      "heatmap"
    ]
  ])("%s", (_name, columns, kind) => {
    const chart = autoChart(columns, rows, {width: 500});
    expect("kind" in chart && chart.kind).toBe(kind);
    if ("spec" in chart) expect(() => compile(chart.spec)).not.toThrow();
  });

  it("explains when no chart fits", () => {
    expect(autoChart([{name: "region", type: "Utf8"}], rows, {width: 500})).toEqual({
      reason: "No automatic chart for this shape: return a category or period column and a number."
    });
    expect(autoChart([{name: "revenue", type: "Float64"}], [], {width: 500})).toEqual({reason: "No rows to chart."});
  });
});
