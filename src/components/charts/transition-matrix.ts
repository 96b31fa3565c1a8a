/**
 * A segment transition matrix (docs/domain.md): rows = segment in the earlier period (plus "new"), columns =
 * segment in the later period (plus "lost"); cell colour = P[from→to] = share of the row, text = count.
 * Weighted by customers or by revenue. (Vega-Lite has no Sankey mark; a heatmap reads better on a projector.)
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS, INTENSITY_SCHEME} from "../palette.js";
import {COUNT, MONEY, PERCENT, PERCENT_AXIS} from "../format.js";

export interface FlowRow {
  segment_from: string;
  segment_to: string;
  customers: number;
  revenue_from: number;
  revenue_to: number;
}

export type FlowWeight = "customers" | "revenue";

export function transitionMatrix(
  flows: readonly FlowRow[],
  {width, order, weight, large = false}: {width: number; order: readonly string[]; weight: FlowWeight; large?: boolean}
): TopLevelSpec {
  // Revenue weight: what the row's customers bought before (or, for new customers, after).
  const amount = (f: FlowRow) =>
    weight === "customers" ? f.customers : f.segment_from === "new" ? f.revenue_to : f.revenue_from;
  const rowTotals = new Map<string, number>();
  for (const f of flows) rowTotals.set(f.segment_from, (rowTotals.get(f.segment_from) ?? 0) + amount(f));
  const values = flows.map((f) => ({
    ...f,
    amount: amount(f),
    probability: rowTotals.get(f.segment_from) ? amount(f) / rowTotals.get(f.segment_from)! : 0,
    stayed: f.segment_from === f.segment_to
  }));
  const rows = [...order.filter((s) => flows.some((f) => f.segment_from === s)), "new"];
  const columns = [...order.filter((s) => flows.some((f) => f.segment_to === s)), "lost"];
  // Room for the row labels (segment names) and the legend; cells stay square, at least 34 px so that a count
  // and a column label fit, and tall enough together for a plot of 120 px; the column labels slant when the
  // cells are narrow.
  const cell = Math.max(34, Math.ceil(120 / rows.length), Math.min(120, (width - 220) / columns.length));
  return {
    width: cell * columns.length,
    height: cell * rows.length,
    // the cells are the size asked for; on a narrow screen the figure scrolls sideways (see style.css)
    autosize: {type: "pad"},
    // no grid lines through the counts
    config: {axis: {grid: false}},
    data: {values},
    encoding: {
      x: {
        field: "segment_to",
        type: "nominal",
        sort: columns,
        title: "To (later period)",
        axis: {orient: "top", labelAngle: cell < 70 ? -45 : 0, labelLimit: 140}
      },
      y: {field: "segment_from", type: "nominal", sort: rows, title: "From (earlier period)"}
    },
    layer: [
      {
        mark: {type: "rect", tooltip: true, stroke: COLORS.paper},
        encoding: {
          color: {
            field: "probability",
            type: "quantitative",
            title: "Share of row",
            scale: {scheme: INTENSITY_SCHEME, domain: [0, 1]},
            legend: {...PERCENT_AXIS}
          },
          tooltip: [
            {field: "segment_from", title: "From"},
            {field: "segment_to", title: "To"},
            {field: "customers", title: "Customers", ...COUNT},
            {field: "probability", title: "Share of row", ...PERCENT},
            {field: "revenue_from", title: "Revenue before", ...MONEY},
            {field: "revenue_to", title: "Revenue after", ...MONEY}
          ]
        }
      },
      {
        mark: {type: "text", fontSize: large ? 20 : 12},
        encoding: {
          text: {
            field: weight === "customers" ? "customers" : "probability",
            ...(weight === "customers" ? COUNT : PERCENT_AXIS)
          },
          color: {condition: {test: "datum.probability > 0.5", value: COLORS.paper}, value: COLORS.ink}
        }
      }
    ]
  } as TopLevelSpec;
}
