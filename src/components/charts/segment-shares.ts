/**
 * One scheme's segments side by side on several shares of the selection's total: by default of customers, of
 * revenue and of net contribution. A segment with a bigger revenue share than customer share buys more than
 * its number suggests; one whose cost share beats its profit share is served at a loss.
 */
import type {TopLevelSpec} from "vega-lite";

export interface ShareMeasure {
  label: string;
  field: string;
  color: string;
}

export const CUSTOMER_REVENUE_PROFIT: ShareMeasure[] = [
  {label: "Customers", field: "customers", color: "#999999"},
  {label: "Revenue", field: "revenue", color: "#0072B2"},
  {label: "Net contribution", field: "net_contribution", color: "#009E73"}
];

export function segmentShares(
  rows: readonly ({segment: string} & Record<string, unknown>)[],
  {
    width,
    order,
    title,
    measures = CUSTOMER_REVENUE_PROFIT
  }: {width: number; order: readonly string[]; title?: string; measures?: ShareMeasure[]}
): TopLevelSpec {
  const total = (field: string) => rows.reduce((s, r) => s + Number(r[field] ?? 0), 0);
  const totals = Object.fromEntries(measures.map((m) => [m.field, total(m.field)]));
  const values = rows.flatMap((r) =>
    measures.map((m) => ({
      segment: r.segment,
      measure: m.label,
      share: totals[m.field] ? Number(r[m.field] ?? 0) / totals[m.field] : 0,
      amount: Number(r[m.field] ?? 0)
    }))
  );
  const labels = measures.map((m) => m.label);
  const present = [
    ...order.filter((s) => rows.some((r) => r.segment === s)),
    ...rows.map((r) => r.segment).filter((s) => !order.includes(s))
  ];
  return {
    ...(title ? {title} : {}),
    width,
    height: Math.max(120, 14 * measures.length * present.length),
    data: {values},
    mark: {type: "bar", tooltip: true},
    encoding: {
      y: {field: "segment", type: "nominal", title: null, sort: present},
      yOffset: {field: "measure", sort: labels},
      x: {field: "share", type: "quantitative", title: "Share of the total", axis: {format: ".0%"}},
      color: {
        field: "measure",
        title: null,
        sort: labels,
        scale: {domain: labels, range: measures.map((m) => m.color)}
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
