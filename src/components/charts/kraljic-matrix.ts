/**
 * The Kraljic matrix as a buyer would draw it with us in it: x = supply risk, y = profit impact (0–1), the
 * quadrants split at the configured cut, one circle per customer sized by revenue, coloured by quadrant.
 */
import type {TopLevelSpec} from "vega-lite";

export interface KraljicPoint {
  customer: string;
  customer_type: string;
  profit_impact: number;
  supply_risk: number;
  quadrant: string;
  revenue: number;
  override: string | null;
}

export const QUADRANTS = ["strategic", "leverage", "bottleneck", "routine"] as const;
export const QUADRANT_COLORS = {domain: [...QUADRANTS], range: ["#0072B2", "#009E73", "#E69F00", "#999999"]};

export function kraljicMatrix(
  points: readonly KraljicPoint[],
  {width, cut = 0.5, large = false}: {width: number; cut?: number; large?: boolean}
): TopLevelSpec {
  const size = Math.min(width, large ? 1300 : 720);
  const labels = [
    {x: 0.98, y: 0.98, text: "Strategic", align: "right"},
    {x: 0.02, y: 0.98, text: "Leverage", align: "left"},
    {x: 0.98, y: 0.02, text: "Bottleneck", align: "right"},
    {x: 0.02, y: 0.02, text: "Routine", align: "left"}
  ];
  const axis = (title: string) => ({
    field: "",
    type: "quantitative" as const,
    title,
    scale: {domain: [0, 1]},
    axis: {format: ".1f"}
  });
  return {
    width: size,
    height: large ? 700 : size * 0.8,
    layer: [
      {
        data: {values: [{cut}]},
        mark: {type: "rule", color: "#666", strokeDash: [6, 4]},
        encoding: {x: {...axis("Supply risk (as the buyer sees us)"), field: "cut"}}
      },
      {
        data: {values: [{cut}]},
        mark: {type: "rule", color: "#666", strokeDash: [6, 4]},
        encoding: {y: {...axis("Profit impact for the buyer"), field: "cut"}}
      },
      {
        data: {values: labels},
        mark: {type: "text", fontSize: large ? 26 : 15, fontWeight: 600, color: "#555", baseline: "middle"},
        encoding: {
          x: {field: "x", type: "quantitative", scale: {domain: [0, 1]}},
          y: {field: "y", type: "quantitative", scale: {domain: [0, 1]}},
          text: {field: "text"},
          align: {field: "align"}
        }
      },
      {
        data: {values: points as KraljicPoint[]},
        mark: {type: "circle", opacity: 0.7, stroke: "white", strokeWidth: 0.5, tooltip: true},
        encoding: {
          x: {...axis("Supply risk (as the buyer sees us)"), field: "supply_risk"},
          y: {...axis("Profit impact for the buyer"), field: "profit_impact"},
          size: {
            field: "revenue",
            type: "quantitative",
            title: "Revenue",
            scale: {range: large ? [30, 3000] : [10, 1500]},
            legend: {format: "$,.2~s"}
          },
          color: {field: "quadrant", title: "Quadrant", scale: QUADRANT_COLORS},
          tooltip: [
            {field: "customer", title: "Customer"},
            {field: "customer_type", title: "Type"},
            {field: "quadrant", title: "Quadrant"},
            {field: "override", title: "Sales override"},
            {field: "profit_impact", title: "Profit impact", format: ".2f"},
            {field: "supply_risk", title: "Supply risk", format: ".2f"},
            {field: "revenue", title: "Revenue", format: "$,.0f"}
          ]
        }
      }
    ]
  } as TopLevelSpec;
}
