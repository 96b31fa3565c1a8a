/**
 * Cost-to-serve by activity driver (docs/domain.md), per year, stacked; one panel per customer type.
 */
import type {TopLevelSpec} from "vega-lite";
import {COUNT, MONEY, MONEY_AXIS} from "../format.js";
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
  const years = Math.max(1, new Set(rows.map((r) => r.period)).size);
  // A facet is not fitted to its width by Vega-Lite: size each panel so that the panels, their y axes (about
  // 80 px each) and the legend stay inside `width`; one panel a row on a narrow screen.
  const columns = width < 480 ? 1 : Math.min(2, types.length);
  const panel = Math.max(120, Math.floor((width - 20) / columns) - 90);
  return {
    data: {values: [...rows]},
    columns,
    facet: {field: "customer_type", type: "nominal", title: null, sort: types},
    spec: {
      width: panel,
      height: 260,
      mark: {type: "bar", tooltip: true},
      encoding: {
        // upright while each year has room for "2019", slanted in a narrow panel
        x: {field: "period", type: "ordinal", title: null, axis: {labelAngle: panel / years < 52 ? -45 : 0}},
        y: {field: "cost", type: "quantitative", aggregate: "sum", title: "Cost to serve", axis: {...MONEY_AXIS}},
        color: {
          field: "driver",
          title: "Driver",
          sort: [...drivers],
          scale: segmentScale(drivers),
          legend: {orient: "bottom", columns: Math.max(1, Math.floor(width / 180))}
        },
        tooltip: [
          {field: "period", title: "Year"},
          {field: "customer_type", title: "Customer type"},
          {field: "driver", title: "Driver"},
          {field: "quantity", aggregate: "sum", title: "Activities", ...COUNT},
          {field: "cost", aggregate: "sum", title: "Cost", ...MONEY},
          {field: "source", title: "Source"}
        ]
      }
    },
    resolve: {scale: {y: "independent"}}
  } satisfies TopLevelSpec;
}
