/**
 * A small revenue trend for an account card: bars per year, the latest highlighted.
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS} from "../palette.js";
import {MONEY, MONEY_AXIS} from "../format.js";

export interface TrendPoint {
  period: string;
  revenue: number;
  net_contribution: number;
}

export function sparkline(
  points: readonly TrendPoint[],
  {width, height = 90}: {width: number; height?: number}
): TopLevelSpec {
  const latest = points.at(-1)?.period ?? "";
  return {
    width,
    height,
    data: {values: points as TrendPoint[]},
    mark: {type: "bar", tooltip: true},
    encoding: {
      x: {field: "period", type: "ordinal", title: null, axis: {labelAngle: 0, labelFontSize: 10, ticks: false}},
      y: {
        field: "revenue",
        type: "quantitative",
        title: null,
        axis: {...MONEY_AXIS, labelFontSize: 10, tickCount: 3}
      },
      color: {
        condition: {test: `datum.period === ${JSON.stringify(latest)}`, value: COLORS.revenue},
        value: COLORS.revenueLight
      },
      tooltip: [
        {field: "period", title: "Year"},
        {field: "revenue", title: "Revenue", ...MONEY},
        {field: "net_contribution", title: "Net contribution", ...MONEY}
      ]
    },
    config: {axis: {grid: false}}
  } as TopLevelSpec;
}
