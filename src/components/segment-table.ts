/**
 * The segment table of the Segments page: one row per segment (colour, customers, revenue, margin, cost to serve,
 * net contribution, change since the previous period), drawn by the one table component; clicking a row chooses
 * that segment (value = segment name, or null). `choose(segment)` selects one from elsewhere (a click on the
 * segment's bar), `value` sets the initial choice (from the URL).
 */
import {dataTable, type DataTable} from "./data-table.js";
import type {FormatOptions} from "./format.js";

export interface SegmentRow {
  segment: string;
  customers: number;
  customer_share: number;
  revenue: number;
  revenue_share: number;
  gross_margin: number;
  cost_to_serve: number;
  net_contribution: number;
}

export function segmentTable(
  rows: readonly SegmentRow[],
  previous: readonly SegmentRow[],
  {order, format, value = null}: {order: readonly string[]; format: FormatOptions; value?: string | null}
): DataTable {
  const before = new Map(previous.map((r) => [r.segment, r.revenue]));
  const rank = (segment: string) => (order.includes(segment) ? order.indexOf(segment) : order.length);
  const withChange = [...rows]
    .sort((a, b) => rank(a.segment) - rank(b.segment))
    .map((r) => {
      const was = before.get(r.segment);
      return {...r, revenue_change: was ? r.revenue / was - 1 : null};
    });
  return dataTable(withChange, {
    columns: [
      {key: "segment", label: "Segment", kind: "segment", order},
      {key: "customers", label: "Customers", kind: "count"},
      {key: "customer_share", label: "Share", kind: "percent"},
      {key: "revenue", label: "Revenue", kind: "money"},
      {key: "revenue_share", label: "Share", kind: "percent"},
      {key: "revenue_change", label: "Δ revenue", kind: "change"},
      {key: "gross_margin", label: "Gross margin", kind: "money"},
      {key: "cost_to_serve", label: "Cost to serve", kind: "money", signed: false},
      {key: "net_contribution", label: "Net contribution", kind: "money"}
    ],
    format,
    noun: ["segment", "segments"],
    search: false,
    filename: "segments",
    select: {key: "segment", value}
  });
}
