/**
 * The whale curve (docs/domain.md): customers ranked from most to least profitable, cumulative net contribution
 * as a share of the total. It rises above 100 % and falls back to 100 %: the gap is what loss-makers erode.
 */
import type {TopLevelSpec} from "vega-lite";

export interface WhalePoint {
  customer_share: number;
  net_contribution_share: number;
  band: string;
}

const BAND_COLORS = {domain: ["top 20 %", "profitable", "loss-making"], range: ["#0072B2", "#56B4E9", "#D55E00"]};

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
        mark: {type: "rule", strokeDash: [4, 4], color: "#888"},
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
            axis: {format: ".0%"}
          },
          y: {
            field: "net_contribution_share",
            type: "quantitative",
            title: "Cumulative net contribution",
            axis: {format: ".0%"}
          },
          color: {field: "band", title: "Customers", scale: BAND_COLORS},
          tooltip: [
            {field: "customer_share", title: "Share of customers", format: ".1%"},
            {field: "net_contribution_share", title: "Cumulative net contribution", format: ".1%"},
            {field: "band", title: "Band"}
          ]
        }
      }
    ]
  } as TopLevelSpec;
}
