/**
 * Where resources go vs where profit comes from: per segment, its share of revenue, of the cost to serve and
 * of net contribution.
 */
import type {TopLevelSpec} from "vega-lite";
import {segmentShares, type ShareMeasure} from "./segment-shares.js";

const RESOURCES_AND_PROFIT: ShareMeasure[] = [
  {label: "Revenue", field: "revenue", color: "#999999"},
  {label: "Cost to serve", field: "cost_to_serve", color: "#D55E00"},
  {label: "Net contribution", field: "net_contribution", color: "#0072B2"}
];

export function resourcesVsProfit(
  rows: readonly ({segment: string} & Record<string, unknown>)[],
  {width, order}: {width: number; order: readonly string[]}
): TopLevelSpec {
  return segmentShares(rows, {width, order, measures: RESOURCES_AND_PROFIT});
}
