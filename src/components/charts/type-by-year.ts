/**
 * Overview charts: a measure per year, split by customer type (catalogue vs private label).
 */
import type {TopLevelSpec} from "vega-lite";
import {segmentScale} from "../palette.js";

export interface TypeYearRow {
  year: string;
  /** The year, or the year and its span when the data does not cover all of it. */
  year_label?: string;
  customer_type: string;
  /** The customer type's name on the pages (settings.customerTypeLabels). */
  type_label?: string;
  customers: number;
  revenue: number;
  revenue_share: number;
  gross_margin: number;
  gross_margin_pct: number | null;
}

export type TypeYearMeasure = "revenue" | "customers" | "revenue_share" | "gross_margin_pct";

const MEASURES: Record<TypeYearMeasure, {title: string; format: string; stack: boolean}> = {
  revenue: {title: "Revenue", format: "$,.3~s", stack: true},
  customers: {title: "Customers", format: ",d", stack: true},
  revenue_share: {title: "Share of revenue", format: ".0%", stack: true},
  gross_margin_pct: {title: "Gross margin", format: ".1%", stack: false}
};

export const CUSTOMER_TYPE_LABELS: Record<string, string> = {catalogue: "Catalogue", private_label: "Private label"};

/**
 * Bars per year for one measure: stacked for additive measures, side by side for margin percentages.
 * @example typeByYear(rows, {width: 640, measure: "revenue"}) // a stacked bar spec
 */
export function typeByYear(
  rows: readonly TypeYearRow[],
  {width, measure, height = 280}: {width: number; measure: TypeYearMeasure; height?: number}
): TopLevelSpec {
  const {title, format, stack} = MEASURES[measure];
  const values = rows.map((r) => ({
    ...r,
    year_label: r.year_label ?? r.year,
    type_label: r.type_label ?? CUSTOMER_TYPE_LABELS[r.customer_type] ?? r.customer_type
  }));
  const years = [...new Set(values.map((r) => r.year_label))];
  const order = [...new Set(values.map((r) => `${r.customer_type}\t${r.type_label}`))]
    .sort()
    .map((t) => t.split("\t")[1]);
  return {
    width: Math.max(200, width),
    height,
    data: {values},
    mark: {type: "bar", tooltip: true},
    encoding: {
      // a partial year's label carries its span; "2011, 1 Jan – 9 Dec" breaks after the year
      x: {
        field: "year_label",
        type: "ordinal",
        title: null,
        sort: years,
        // upright while each year has room for "2019" in the chart's font, slanted on a narrow screen
        axis: {labelAngle: width / Math.max(1, years.length) < 52 ? -45 : 0, labelExpr: "split(datum.label, ', ')"}
      },
      ...(stack ? {} : {xOffset: {field: "type_label", sort: order}}),
      y: {field: measure, type: "quantitative", title, stack: stack ? "zero" : null, axis: {format}},
      color: {field: "type_label", title: "Customer type", sort: order, scale: segmentScale(order)},
      tooltip: [
        {field: "year_label", title: "Year"},
        {field: "type_label", title: "Customer type"},
        {field: "customers", title: "Customers", format: ",d"},
        {field: "revenue", title: "Revenue", format: "$,.0f"},
        {field: "revenue_share", title: "Share of revenue", format: ".1%"},
        {field: "gross_margin", title: "Gross margin", format: "$,.0f"},
        {field: "gross_margin_pct", title: "Gross margin %", format: ".1%"}
      ]
    }
  };
}
