/**
 * Segments over time: one measure per period and segment, as stacked bars, 100 % bars or lines.
 */
import type {TopLevelSpec} from "vega-lite";
import {COUNT, MONEY, MONEY_AXIS, PERCENT, PERCENT_AXIS} from "../format.js";
import {segmentScale} from "../palette.js";

export interface SegmentPeriodRow {
  period: string;
  period_label: string;
  period_ord: number;
  segment: string;
  customers: number;
  revenue: number;
  revenue_share: number;
  customer_share: number;
  gross_margin: number;
  cost_to_serve: number;
  net_contribution: number;
  revenue_per_customer: number;
  net_contribution_per_customer: number;
}

export type SegmentMeasure =
  | "customers"
  | "revenue"
  | "revenue_share"
  | "gross_margin"
  | "net_contribution"
  | "revenue_per_customer"
  | "net_contribution_per_customer";

export type TrendMode = "stacked" | "share" | "lines";

export const MEASURE_LABELS: Record<SegmentMeasure, string> = {
  customers: "Customers",
  revenue: "Revenue",
  revenue_share: "Share of revenue",
  gross_margin: "Gross margin",
  net_contribution: "Net contribution",
  revenue_per_customer: "Revenue per customer",
  net_contribution_per_customer: "Net contribution per customer"
};

const FORMATS: Record<SegmentMeasure, {formatType: string; format?: string}> = {
  customers: COUNT,
  revenue: MONEY_AXIS,
  revenue_share: PERCENT_AXIS,
  gross_margin: MONEY_AXIS,
  net_contribution: MONEY_AXIS,
  revenue_per_customer: MONEY_AXIS,
  net_contribution_per_customer: MONEY_AXIS
};

/** Measures that add up over segments (can be stacked). */
export const ADDITIVE: readonly SegmentMeasure[] = [
  "customers",
  "revenue",
  "revenue_share",
  "gross_margin",
  "net_contribution"
];

/**
 * @example segmentTrend(rows, {width: 900, measure: "revenue", mode: "share", order: ["A", "B", "C"]})
 */
export function segmentTrend(
  rows: readonly SegmentPeriodRow[],
  {
    width,
    measure,
    mode,
    order,
    height = 360
  }: {width: number; measure: SegmentMeasure; mode: TrendMode; order: readonly string[]; height?: number}
): TopLevelSpec {
  const lines = mode === "lines" || !ADDITIVE.includes(measure);
  const format = mode === "share" && !lines ? PERCENT_AXIS : FORMATS[measure];
  const present = order.filter((s) => rows.some((r) => r.segment === s));
  const title = mode === "share" && !lines ? `${MEASURE_LABELS[measure]}, share of total` : MEASURE_LABELS[measure];
  return {
    width,
    height,
    data: {values: rows as SegmentPeriodRow[]},
    mark: lines ? {type: "line", point: true, tooltip: true} : {type: "bar", tooltip: true},
    encoding: {
      x: {
        field: "period_label",
        type: "ordinal",
        title: null,
        sort: {field: "period_ord"},
        axis: {labelAngle: rows.length > 60 ? -45 : 0, labelOverlap: true}
      },
      y: {
        field: measure,
        type: "quantitative",
        title,
        stack: lines ? null : mode === "share" ? "normalize" : "zero",
        axis: {...format}
      },
      color: {field: "segment", title: "Segment", sort: present, scale: segmentScale(order)},
      order: lines ? undefined : {field: "segment_rank"},
      tooltip: [
        {field: "period_label", title: "Period"},
        {field: "segment", title: "Segment"},
        {field: "customers", title: "Customers", ...COUNT},
        {field: "customer_share", title: "Share of customers", ...PERCENT},
        {field: "revenue", title: "Revenue", ...MONEY},
        {field: "revenue_share", title: "Share of revenue", ...PERCENT},
        {field: "gross_margin", title: "Gross margin", ...MONEY},
        {field: "cost_to_serve", title: "Cost to serve", ...MONEY},
        {field: "net_contribution", title: "Net contribution", ...MONEY}
      ]
    },
    transform: [{calculate: `indexof(${JSON.stringify(present)}, datum.segment)`, as: "segment_rank"}]
  } as TopLevelSpec;
}
