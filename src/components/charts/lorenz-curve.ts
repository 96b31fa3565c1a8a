/**
 * The Lorenz curve of revenue (docs/domain.md): customers from smallest to largest, cumulative share of
 * revenue against cumulative share of customers. The further it sags below the diagonal (equal revenue per
 * customer), the more concentrated revenue is; the Gini coefficient is twice the area between the two.
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS} from "../palette.js";
import {PERCENT, PERCENT_AXIS} from "../format.js";

export interface LorenzPoint {
  customer_share: number;
  revenue_share: number;
}

export function lorenzCurve(
  points: readonly LorenzPoint[],
  {width, height = 320}: {width: number; height?: number}
): TopLevelSpec {
  const axis = (title: string) => ({field: "", type: "quantitative" as const, title, axis: {...PERCENT_AXIS}});
  return {
    width,
    height,
    layer: [
      {
        data: {
          values: [
            {x: 0, y: 0},
            {x: 1, y: 1}
          ]
        },
        mark: {type: "line", strokeDash: [4, 4], color: COLORS.reference},
        encoding: {
          x: {...axis("Share of customers, smallest first"), field: "x"},
          y: {...axis("Cumulative revenue"), field: "y"}
        }
      },
      {
        data: {values: points as LorenzPoint[]},
        mark: {type: "area", line: true, opacity: 0.35, color: COLORS.revenue, tooltip: true},
        encoding: {
          x: {...axis("Share of customers, smallest first"), field: "customer_share"},
          y: {...axis("Cumulative revenue"), field: "revenue_share"},
          tooltip: [
            {field: "customer_share", title: "Share of customers", ...PERCENT_AXIS},
            {field: "revenue_share", title: "Their share of revenue", ...PERCENT}
          ]
        }
      }
    ]
  } as TopLevelSpec;
}
