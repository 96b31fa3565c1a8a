/**
 * The Lorenz curve of revenue (docs/domain.md): customers from smallest to largest, cumulative share of
 * revenue against cumulative share of customers. The further it sags below the diagonal (equal revenue per
 * customer), the more concentrated revenue is; the Gini coefficient is twice the area between the two.
 */
import type {TopLevelSpec} from "vega-lite";

export interface LorenzPoint {
  customer_share: number;
  revenue_share: number;
}

export function lorenzCurve(
  points: readonly LorenzPoint[],
  {width, height = 320}: {width: number; height?: number}
): TopLevelSpec {
  const axis = (title: string) => ({field: "", type: "quantitative" as const, title, axis: {format: ".0%"}});
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
        mark: {type: "line", strokeDash: [4, 4], color: "#888"},
        encoding: {
          x: {...axis("Share of customers, smallest first"), field: "x"},
          y: {...axis("Cumulative revenue"), field: "y"}
        }
      },
      {
        data: {values: points as LorenzPoint[]},
        mark: {type: "area", line: true, opacity: 0.35, color: "#0072B2", tooltip: true},
        encoding: {
          x: {...axis("Share of customers, smallest first"), field: "customer_share"},
          y: {...axis("Cumulative revenue"), field: "revenue_share"},
          tooltip: [
            {field: "customer_share", title: "Share of customers", format: ".0%"},
            {field: "revenue_share", title: "Their share of revenue", format: ".1%"}
          ]
        }
      }
    ]
  } as TopLevelSpec;
}
