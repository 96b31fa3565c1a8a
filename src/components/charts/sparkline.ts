/**
 * A small revenue trend for an account card: bars per year, the latest highlighted.
 */
import type {TopLevelSpec} from "vega-lite";

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
        axis: {format: "$,.2~s", labelFontSize: 10, tickCount: 3}
      },
      color: {condition: {test: `datum.period === ${JSON.stringify(latest)}`, value: "#0072B2"}, value: "#9ecae1"},
      tooltip: [
        {field: "period", title: "Year"},
        {field: "revenue", title: "Revenue", format: "$,.0f"},
        {field: "net_contribution", title: "Net contribution", format: "$,.0f"}
      ]
    },
    config: {axis: {grid: false}}
  } as TopLevelSpec;
}
