/**
 * Where resources go vs where profit comes from: per segment, its share of revenue, of the cost to serve and
 * of net contribution.
 */
import type {TopLevelSpec} from "vega-lite";
import {MEASURE_COLORS} from "../palette.js";
import {segmentShares, type ShareMeasure} from "./segment-shares.js";

const RESOURCES_AND_PROFIT: ShareMeasure[] = [
  {label: "Revenue", field: "revenue", color: MEASURE_COLORS.revenue},
  {label: "Cost to serve", field: "cost_to_serve", color: MEASURE_COLORS.cost_to_serve},
  {label: "Net contribution", field: "net_contribution", color: MEASURE_COLORS.net_contribution}
];

export function resourcesVsProfit(
  rows: readonly ({segment: string} & Record<string, unknown>)[],
  {width, order}: {width: number; order: readonly string[]}
): TopLevelSpec {
  return segmentShares(rows, {width, order, measures: RESOURCES_AND_PROFIT});
}
