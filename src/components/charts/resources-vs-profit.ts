/**
 * Where resources go vs where profit comes from: per segment, its share of cost-to-serve beside its share of
 * net contribution (and of revenue). A segment whose cost share exceeds its profit share is served at a loss.
 */
import type {TopLevelSpec} from "vega-lite";

export interface ShareRow {
  segment: string;
  cost_to_serve: number;
  net_contribution: number;
  revenue: number;
}

const MEASURES = ["Revenue", "Cost to serve", "Net contribution"];

export function resourcesVsProfit(
  rows: readonly ShareRow[],
  {width, order}: {width: number; order: readonly string[]}
): TopLevelSpec {
  const total = (field: keyof ShareRow) => rows.reduce((s, r) => s + (r[field] as number), 0);
  const totals = {revenue: total("revenue"), cost: total("cost_to_serve"), net: total("net_contribution")};
  const values = rows.flatMap((r) => [
    {segment: r.segment, measure: "Revenue", share: totals.revenue ? r.revenue / totals.revenue : 0, amount: r.revenue},
    {
      segment: r.segment,
      measure: "Cost to serve",
      share: totals.cost ? r.cost_to_serve / totals.cost : 0,
      amount: r.cost_to_serve
    },
    {
      segment: r.segment,
      measure: "Net contribution",
      share: totals.net ? r.net_contribution / totals.net : 0,
      amount: r.net_contribution
    }
  ]);
  const present = order.filter((s) => rows.some((r) => r.segment === s));
  return {
    width,
    height: Math.max(160, 56 * present.length),
    data: {values},
    mark: {type: "bar", tooltip: true},
    encoding: {
      y: {field: "segment", type: "nominal", title: null, sort: present},
      yOffset: {field: "measure", sort: MEASURES},
      x: {field: "share", type: "quantitative", title: "Share of the total", axis: {format: ".0%"}},
      color: {
        field: "measure",
        title: null,
        sort: MEASURES,
        scale: {domain: MEASURES, range: ["#999999", "#D55E00", "#0072B2"]}
      },
      tooltip: [
        {field: "segment", title: "Segment"},
        {field: "measure", title: "Measure"},
        {field: "share", title: "Share", format: ".1%"},
        {field: "amount", title: "Amount", format: "$,.0f"}
      ]
    }
  } as TopLevelSpec;
}
