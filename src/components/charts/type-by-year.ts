/**
 * Overview charts: a measure per year, split by customer type (catalogue vs private label).
 */
import type {TopLevelSpec} from "vega-lite";
import {COUNT, MONEY, MONEY_AXIS, PERCENT, PERCENT_AXIS} from "../format.js";
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

const MEASURES: Record<
  TypeYearMeasure,
  {title: string; format: {formatType: string; format?: string}; stack: boolean}
> = {
  revenue: {title: "Revenue", format: MONEY_AXIS, stack: true},
  customers: {title: "Customers", format: COUNT, stack: true},
  revenue_share: {title: "Share of revenue", format: PERCENT_AXIS, stack: true},
  gross_margin_pct: {title: "Gross margin", format: PERCENT, stack: false}
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
  const longest = Math.max(
    4,
    ...years.flatMap((y) =>
      String(y)
        .split(", ")
        .map((line) => line.length)
    )
  );
  // customer types in code order, drawn in their colours (palette.ts), named by their labels
  const types = [...new Map(values.map((r) => [r.customer_type, r.type_label])).entries()].sort(([a], [b]) =>
    a.localeCompare(b)
  );
  const order = types.map(([, label]) => label);
  const colors = {domain: order, range: segmentScale(types.map(([code]) => code)).range};
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
        // upright while each year has room for its longest line ("2019", or "1 Jan – 9 Dec" of a partial year) in
        // the chart's font (about 9 px a character with the gap), slanted on a narrow screen
        axis: {
          labelAngle: width / Math.max(1, years.length) < longest * 9 + 16 ? -45 : 0,
          labelExpr: "split(datum.label, ', ')"
        }
      },
      ...(stack ? {} : {xOffset: {field: "type_label", sort: order}}),
      y: {field: measure, type: "quantitative", title, stack: stack ? "zero" : null, axis: {...format}},
      // the labels say what they are ("Catalogue", "Private label"): no legend title to crowd a narrow chart
      color: {field: "type_label", title: "Customer type", sort: order, scale: colors, legend: {title: null}},
      tooltip: [
        {field: "year_label", title: "Year"},
        {field: "type_label", title: "Customer type"},
        {field: "customers", title: "Customers", ...COUNT},
        {field: "revenue", title: "Revenue", ...MONEY},
        {field: "revenue_share", title: "Share of revenue", ...PERCENT},
        {field: "gross_margin", title: "Gross margin", ...MONEY},
        {field: "gross_margin_pct", title: "Gross margin %", ...PERCENT}
      ]
    }
  };
}
