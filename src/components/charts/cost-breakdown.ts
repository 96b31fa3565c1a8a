/**
 * Cost-to-serve by activity driver (docs/domain.md), per year, stacked; one panel per customer type.
 */
import type {TopLevelSpec} from "vega-lite";
import {segmentScale} from "../palette.js";

export interface CostRow {
  period: string;
  driver: string;
  customer_type: string;
  quantity: number;
  cost: number;
  source: string;
}

export function costBreakdown(
  rows: readonly CostRow[],
  {width, drivers}: {width: number; drivers: readonly string[]}
): TopLevelSpec {
  const types = [...new Set(rows.map((r) => r.customer_type))].sort();
  return {
    data: {values: rows as CostRow[]},
    columns: 2,
    facet: {field: "customer_type", type: "nominal", title: null, sort: types},
    spec: {
      width: Math.max(160, width / Math.min(2, types.length) - 60),
      height: 260,
      mark: {type: "bar", tooltip: true},
      encoding: {
        x: {field: "period", type: "ordinal", title: null, axis: {labelAngle: 0}},
        y: {field: "cost", type: "quantitative", aggregate: "sum", title: "Cost to serve", axis: {format: "$,.3~s"}},
        color: {field: "driver", title: "Driver", sort: drivers, scale: segmentScale(drivers)},
        tooltip: [
          {field: "period", title: "Year"},
          {field: "customer_type", title: "Customer type"},
          {field: "driver", title: "Driver"},
          {field: "quantity", aggregate: "sum", title: "Activities", format: ",.0f"},
          {field: "cost", aggregate: "sum", title: "Cost", format: "$,.0f"},
          {field: "source", title: "Source"}
        ]
      }
    },
    resolve: {scale: {y: "independent"}}
  } as TopLevelSpec;
}
