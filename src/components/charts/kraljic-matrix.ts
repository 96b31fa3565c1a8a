/**
 * The Kraljic matrix as a buyer would draw it with us in it: x = supply risk, y = profit impact (0–1), the
 * quadrants split at the configured cut, one circle per customer (or per grid cell of customers) sized by revenue,
 * coloured by quadrant.
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS, segmentScale} from "../palette.js";
import {MONEY, MONEY_AXIS} from "../format.js";

export interface KraljicPoint {
  customer: string;
  customer_type: string;
  profit_impact: number;
  supply_risk: number;
  quadrant: string;
  revenue: number;
  override: string | null;
}

/**
 * Customers of a quadrant whose scores round to the same point (the report's and the meeting's matrix, whose
 * size does not grow with the customers): drawn as one circle, sized by their revenue together.
 */
export interface KraljicCell {
  profit_impact: number;
  supply_risk: number;
  quadrant: string;
  revenue: number;
  customers: number;
  /** Of them, placed in the quadrant by sales (an account-profile override). */
  overrides: number;
}

export const QUADRANTS = ["strategic", "leverage", "bottleneck", "routine"] as const;
/** A customer or cell placed by sales: drawn with a black ring ("not where the scores put it"). */
const OVERRIDDEN = "datum.override || datum.overrides > 0";
export const QUADRANT_COLORS = segmentScale(QUADRANTS);

/** The customers and revenue of each quadrant (in QUADRANTS order) of grouped cells. */
export function quadrantTotals(
  cells: readonly KraljicCell[]
): {quadrant: (typeof QUADRANTS)[number]; customers: number; revenue: number}[] {
  return QUADRANTS.map((quadrant) => {
    const inside = cells.filter((d) => d.quadrant === quadrant);
    return {
      quadrant,
      customers: inside.reduce((s, d) => s + d.customers, 0),
      revenue: inside.reduce((s, d) => s + d.revenue, 0)
    };
  });
}

export function kraljicMatrix(
  points: readonly KraljicPoint[] | readonly KraljicCell[],
  {width, height, cut = 0.5, large = false}: {width: number; height?: number; cut?: number; large?: boolean}
): TopLevelSpec {
  // The spec's width is the chart's outer width (vl-render fits it to its card): legends in one column on the
  // right take about 130 px (200 on a slide), the plot keeps the rest, at least 200 px.
  // On a phone the legends go below the plot, which then takes the whole width.
  const narrow = !large && width < 560;
  const grouped = points.length > 0 && "customers" in points[0];
  const size = Math.max(260, Math.min(width, large ? 1500 : 760));
  // Quadrant names sit in the corners of a band outside the scores' 0–1 range, so they never cover a point.
  const labels = [
    {x: 1.1, y: 1.09, text: "Strategic", align: "right"},
    {x: -0.1, y: 1.09, text: "Leverage", align: "left"},
    {x: 1.1, y: -0.09, text: "Bottleneck", align: "right"},
    {x: -0.1, y: -0.09, text: "Routine", align: "left"}
  ];
  const DOMAIN = [-0.14, 1.14];
  const axis = (title: string) => ({
    field: "",
    type: "quantitative" as const,
    title,
    scale: {domain: DOMAIN, nice: false},
    axis: {values: [0, 0.25, 0.5, 0.75, 1], format: ".2~f", grid: false}
  });
  return {
    width: size,
    height: height ?? (large ? 700 : Math.round(size * (narrow ? 0.9 : 0.75))),
    layer: [
      {
        data: {values: [{cut}]},
        mark: {type: "rule", color: COLORS.reference, strokeDash: [6, 4]},
        encoding: {x: {...axis("Supply risk (as the buyer sees us)"), field: "cut"}}
      },
      {
        data: {values: [{cut}]},
        mark: {type: "rule", color: COLORS.reference, strokeDash: [6, 4]},
        encoding: {y: {...axis("Profit impact for the buyer"), field: "cut"}}
      },
      // the names, left-aligned on the left and right-aligned on the right (alignment is a mark property)
      ...(["left", "right"] as const).map((align) => ({
        data: {values: labels.filter((l) => l.align === align)},
        mark: {
          type: "text",
          fontSize: large ? 26 : 15,
          fontWeight: 600,
          color: COLORS.label,
          baseline: "middle",
          align
        },
        encoding: {
          x: {field: "x", type: "quantitative", scale: {domain: DOMAIN, nice: false}},
          y: {field: "y", type: "quantitative", scale: {domain: DOMAIN, nice: false}},
          text: {field: "text"}
        }
      })),
      {
        data: {values: points as KraljicPoint[]},
        // A customer placed by sales (an account-profile override) is drawn at its computed scores, in the colour
        // of the quadrant sales chose, with a black ring: the ring says "not where the scores put it".
        mark: {type: "circle", opacity: 0.75, tooltip: true},
        encoding: {
          x: {...axis("Supply risk (as the buyer sees us)"), field: "supply_risk"},
          y: {...axis("Profit impact for the buyer"), field: "profit_impact"},
          size: {
            field: "revenue",
            type: "quantitative",
            title: "Revenue",
            scale: {range: large ? [30, 3000] : [10, 1500]},
            legend: {...MONEY_AXIS, orient: narrow ? "bottom" : "right", direction: "vertical", columns: 1}
          },
          color: {
            field: "quadrant",
            title: "Quadrant",
            scale: QUADRANT_COLORS,
            legend: {orient: narrow ? "bottom" : "right", direction: "vertical", columns: 1}
          },
          stroke: {condition: {test: OVERRIDDEN, value: COLORS.ink}, value: COLORS.paper},
          strokeWidth: {condition: {test: OVERRIDDEN, value: 2.5}, value: 0.5},
          tooltip: grouped
            ? [
                {field: "customers", title: "Customers", format: ",d"},
                {field: "quadrant", title: "Quadrant"},
                {field: "overrides", title: "Placed there by sales", format: ",d"},
                {field: "profit_impact", title: "Profit impact (about)", format: ".2f"},
                {field: "supply_risk", title: "Supply risk (about)", format: ".2f"},
                {field: "revenue", title: "Revenue", ...MONEY}
              ]
            : [
                {field: "customer", title: "Customer"},
                {field: "customer_type", title: "Type"},
                {field: "quadrant", title: "Quadrant"},
                {field: "override", title: "Sales override"},
                {field: "profit_impact", title: "Profit impact", format: ".2f"},
                {field: "supply_risk", title: "Supply risk", format: ".2f"},
                {field: "revenue", title: "Revenue", ...MONEY}
              ]
        }
      }
    ]
  } as TopLevelSpec;
}
