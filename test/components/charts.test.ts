/**
 * Every chart spec compiles with Vega-Lite and draws the marks it is meant to (issue 13): a spec that compiles to
 * nothing, or to the wrong mark, fails here rather than as an empty card in the browser.
 */
import {compile, type TopLevelSpec} from "vega-lite";
import {describe, expect, it} from "vitest";
import {costBreakdown} from "../../src/components/charts/cost-breakdown.js";
import {kraljicMatrix} from "../../src/components/charts/kraljic-matrix.js";
import {rejectsByRule} from "../../src/components/charts/rejects-by-rule.js";
import {resourcesVsProfit} from "../../src/components/charts/resources-vs-profit.js";
import {segmentShares} from "../../src/components/charts/segment-shares.js";
import {segmentTrend} from "../../src/components/charts/segment-trend.js";
import {sparkline} from "../../src/components/charts/sparkline.js";
import {transitionMatrix} from "../../src/components/charts/transition-matrix.js";
import {typeByYear} from "../../src/components/charts/type-by-year.js";
import {whaleCurve} from "../../src/components/charts/whale-curve.js";

/** Vega-Lite compiles a spec as vl-render does: the formats of format.ts are custom format types. */
const compiled = (spec: TopLevelSpec) => compile({...spec, config: {customFormatTypes: true}} as TopLevelSpec);

/** The mark types of a compiled Vega spec, groups opened. */
function marks(spec: TopLevelSpec): string[] {
  const found: string[] = [];
  const walk = (items: {type: string; marks?: unknown[]}[] = []) => {
    for (const item of items) {
      if (item.type === "group") walk(item.marks as never);
      else found.push(item.type);
    }
  };
  walk(compiled(spec).spec.marks as never);
  return [...new Set(found)].sort();
}

const segmentRows = [
  {segment: "A", customers: 2, revenue: 900, net_contribution: 300, cost_to_serve: 50},
  {segment: "B", customers: 5, revenue: 100, net_contribution: -20, cost_to_serve: 80}
];
const periodRows = ["2024", "2025"].flatMap((period, i) =>
  segmentRows.map((r) => ({
    ...r,
    period,
    period_label: period,
    period_ord: i + 1,
    revenue_share: 0.5,
    customer_share: 0.5,
    gross_margin: 100,
    revenue_per_customer: r.revenue / r.customers,
    net_contribution_per_customer: r.net_contribution / r.customers
  }))
);

describe("chart specs", () => {
  it("type by year: bars", () => {
    const rows = ["catalogue", "private_label"].map((customer_type) => ({
      year: "2025",
      customer_type,
      customers: 3,
      revenue: 100,
      revenue_share: 0.5,
      gross_margin: 30,
      gross_margin_pct: 0.3
    }));
    expect(marks(typeByYear(rows, {width: 400, measure: "revenue"}))).toEqual(["rect"]);
  });

  it("segment shares: bars, and diverging amounts when a signed total is not positive", () => {
    expect(marks(segmentShares(segmentRows, {width: 500, order: ["A", "B"]}))).toEqual(["rect"]);
    const losing = segmentRows.map((r) => ({...r, net_contribution: r.net_contribution - 400}));
    const spec = segmentShares(losing, {width: 500, order: ["A", "B"], title: "Org type"}) as {vconcat?: unknown[]};
    expect(spec.vconcat).toHaveLength(2);
    expect(marks(spec as TopLevelSpec)).toEqual(["rect"]);
  });

  it("resources vs profit: bars", () => {
    expect(marks(resourcesVsProfit(segmentRows, {width: 500, order: ["A", "B"]}))).toEqual(["rect"]);
  });

  it("segment trend: stacked bars, or lines", () => {
    const order = ["A", "B"];
    expect(marks(segmentTrend(periodRows, {width: 600, measure: "revenue", mode: "stacked", order}))).toContain("rect");
    expect(marks(segmentTrend(periodRows, {width: 600, measure: "revenue", mode: "lines", order}))).toContain("line");
  });

  it("Kraljic: points, the cut rules and the quadrant names", () => {
    const point = {customer: "K1", customer_type: "catalogue", profit_impact: 0.7, supply_risk: 0.2, revenue: 100};
    const spec = kraljicMatrix(
      [
        {...point, quadrant: "leverage", override: null},
        {...point, customer: "K2", quadrant: "strategic", override: "strategic"}
      ],
      {width: 700}
    );
    expect(marks(spec)).toEqual(["rule", "symbol", "text"]);
  });

  it("transition matrix: cells with their counts", () => {
    const flows = [
      {segment_from: "A", segment_to: "A", customers: 3, revenue_from: 10, revenue_to: 12},
      {segment_from: "new", segment_to: "B", customers: 1, revenue_from: 0, revenue_to: 5}
    ];
    expect(marks(transitionMatrix(flows, {width: 500, order: ["A", "B"], weight: "customers"}))).toEqual([
      "rect",
      "text"
    ]);
  });

  it("whale curve, cost breakdown, sparkline, rejects by rule", () => {
    const whale = [
      {customer_share: 0.5, net_contribution_share: 1.2, band: "top 20 %"},
      {customer_share: 1, net_contribution_share: 1, band: "loss-making"}
    ];
    expect(marks(whaleCurve(whale, {width: 500}))).toEqual(expect.arrayContaining(["area", "rule"]));
    const costs = [
      {period: "2025", driver: "order", customer_type: "catalogue", quantity: 3, cost: 90, source: "rate"}
    ];
    expect(marks(costBreakdown(costs, {width: 700, drivers: ["order"]}))).toEqual(["rect"]);
    const trend = [
      {period: "2024-12", revenue: 10, net_contribution: 2},
      {period: "2025-01", revenue: 12, net_contribution: 3}
    ];
    expect(marks(sparkline(trend, {width: 300}))).toEqual(["rect"]); // a bar a year, the latest highlighted
    expect(
      marks(rejectsByRule([{table_name: "sales_lines", rule: "bad_date", rows: 2, revenue: 10}], {width: 400}))
    ).toContain("rect");
  });

  it("one format per measure: money axes compact and tooltips whole, as the headlines and tables", () => {
    const vega = JSON.stringify(
      compiled(segmentTrend(periodRows, {width: 600, measure: "revenue", mode: "stacked", order: ["A", "B"]})).spec
    );
    expect(vega).toContain("moneyCompact(datum.value)"); // the axis: "110,3 mn kr"
    expect(vega).toContain('money(datum[\\"revenue\\"])'); // the tooltip: "1 234 567 kr"
    expect(vega).toContain('percent(datum[\\"revenue_share\\"])');
    expect(vega).not.toMatch(/format\(datum[^)]*"\$/); // no d3 currency format left ("120M kr")
  });
});
