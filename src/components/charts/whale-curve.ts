/**
 * The whale curve (docs/domain.md): customers ranked from most to least profitable, cumulative net contribution
 * as a share of the total. It rises above 100 % and falls back to 100 %: the gap is what loss-makers erode.
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS, segmentScale} from "../palette.js";
import {PERCENT, PERCENT_AXIS} from "../format.js";

export interface WhalePoint {
  customer_share: number;
  net_contribution_share: number;
  band: string;
}

const BAND_COLORS = segmentScale(["top 20 %", "profitable", "loss-making"]);

export function whaleCurve(
  points: readonly WhalePoint[],
  {width, height = 360}: {width: number; height?: number}
): TopLevelSpec {
  return {
    width,
    height,
    layer: [
      {
        data: {values: [{y: 1}]},
        mark: {type: "rule", strokeDash: [4, 4], color: COLORS.reference},
        encoding: {y: {field: "y", type: "quantitative"}}
      },
      {
        data: {values: points as WhalePoint[]},
        mark: {type: "area", line: true, opacity: 0.35, tooltip: true},
        encoding: {
          x: {
            field: "customer_share",
            type: "quantitative",
            title: "Share of customers, most profitable first",
            axis: {...PERCENT_AXIS}
          },
          y: {
            field: "net_contribution_share",
            type: "quantitative",
            title: "Cumulative net contribution",
            axis: {...PERCENT_AXIS}
          },
          color: {field: "band", title: "Customers", scale: BAND_COLORS},
          tooltip: [
            {field: "customer_share", title: "Share of customers", ...PERCENT},
            {field: "net_contribution_share", title: "Cumulative net contribution", ...PERCENT},
            {field: "band", title: "Band"}
          ]
        }
      }
    ]
  } as TopLevelSpec;
}
