/**
 * One scheme's segments side by side on three shares: of customers, of revenue and of net contribution.
 * A segment with a bigger revenue share than customer share buys more than its number suggests.
 */
import type {TopLevelSpec} from "vega-lite";

export interface SegmentShare {
  segment: string;
  customers: number;
  revenue: number;
  net_contribution: number;
}

const MEASURES = ["Customers", "Revenue", "Net contribution"];

export function segmentShares(
  rows: readonly SegmentShare[],
  {width, order, title}: {width: number; order: readonly string[]; title: string}
): TopLevelSpec {
  const sum = (f: keyof SegmentShare) => rows.reduce((s, r) => s + (r[f] as number), 0);
  const totals = {customers: sum("customers"), revenue: sum("revenue"), net: sum("net_contribution")};
  const share = (x: number, total: number) => (total ? x / total : 0);
  const values = rows.flatMap((r) => [
    {segment: r.segment, measure: "Customers", share: share(r.customers, totals.customers), amount: r.customers},
    {segment: r.segment, measure: "Revenue", share: share(r.revenue, totals.revenue), amount: r.revenue},
    {
      segment: r.segment,
      measure: "Net contribution",
      share: share(r.net_contribution, totals.net),
      amount: r.net_contribution
    }
  ]);
  const present = [
    ...order.filter((s) => rows.some((r) => r.segment === s)),
    ...rows.map((r) => r.segment).filter((s) => !order.includes(s))
  ];
  return {
    title,
    width,
    height: Math.max(120, 42 * present.length),
    data: {values},
    mark: {type: "bar", tooltip: true},
    encoding: {
      y: {field: "segment", type: "nominal", title: null, sort: present},
      yOffset: {field: "measure", sort: MEASURES},
      x: {field: "share", type: "quantitative", title: "Share of the selection", axis: {format: ".0%"}},
      color: {
        field: "measure",
        title: null,
        sort: MEASURES,
        scale: {domain: MEASURES, range: ["#999999", "#0072B2", "#009E73"]}
      },
      tooltip: [
        {field: "segment", title: "Segment"},
        {field: "measure", title: "Measure"},
        {field: "share", title: "Share", format: ".1%"},
        {field: "amount", title: "Amount", format: ",.0f"}
      ]
    }
  } as TopLevelSpec;
}
