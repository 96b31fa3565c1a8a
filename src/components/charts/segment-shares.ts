/**
 * One scheme's segments side by side on several shares of the selection's total: by default of customers, of
 * revenue and of net contribution. A segment with a bigger revenue share than customer share buys more than
 * its number suggests; one whose cost share beats its profit share is served at a loss.
 */
import type {TopLevelSpec} from "vega-lite";
import {COLORS, MEASURE_COLORS} from "../palette.js";
import {MONEY, MONEY_AXIS, PERCENT, PERCENT_AXIS} from "../format.js";

export interface ShareMeasure {
  label: string;
  field: string;
  color: string;
  /** How its amounts read (format.ts): a count of customers, or money (the default). */
  format?: "count" | "money";
}

export const CUSTOMER_REVENUE_PROFIT: ShareMeasure[] = [
  {label: "Customers", field: "customers", color: MEASURE_COLORS.customers, format: "count"},
  {label: "Revenue", field: "revenue", color: MEASURE_COLORS.revenue},
  {label: "Net contribution", field: "net_contribution", color: MEASURE_COLORS.net_contribution}
];

export function segmentShares(
  rows: readonly ({segment: string} & Record<string, unknown>)[],
  {
    width,
    order,
    title,
    measures = CUSTOMER_REVENUE_PROFIT,
    bar = 14
  }: {
    width: number;
    order: readonly string[];
    title?: string;
    measures?: ShareMeasure[];
    /** Pixels per bar (the plot grows with its bars); smaller on paper. */
    bar?: number;
  }
): TopLevelSpec {
  const total = (field: string) => rows.reduce((s, r) => s + Number(r[field] ?? 0), 0);
  const totals = Object.fromEntries(measures.map((m) => [m.field, total(m.field)]));
  // A share of a total that is zero or negative means nothing (a loss-maker would get "+220 %"): such a
  // measure is drawn as amounts, diverging from zero, under the shares of the others.
  const signed = measures.filter((m) => !(totals[m.field] > 0) && rows.some((r) => Number(r[m.field] ?? 0) !== 0));
  const shared = measures.filter((m) => !signed.includes(m));
  const values = rows.flatMap((r) =>
    shared.map((m) => ({
      segment: r.segment,
      measure: m.label,
      share: Number(r[m.field] ?? 0) / totals[m.field],
      amount: Number(r[m.field] ?? 0),
      format: m.format ?? "money"
    }))
  );
  const labels = shared.map((m) => m.label);
  const present = [
    ...order.filter((s) => rows.some((r) => r.segment === s)),
    ...rows.map((r) => r.segment).filter((s) => !order.includes(s))
  ];
  // Segment names get at most a third of the width; a longer one ends in "…".
  const segmentAxis = {
    field: "segment",
    type: "nominal",
    title: null,
    sort: present,
    axis: {labelLimit: Math.max(90, width * 0.35)}
  };
  // The plot grows with its bars (`bar` px each, at least 120 px): a scheme of three segments is never crushed.
  const sharesSpec = {
    height: Math.max(120, bar * Math.max(1, shared.length) * present.length),
    data: {values},
    // each measure's amount in its own format: "418" customers, "10 465 115 kr" revenue
    transform: [{calculate: "datum.format === 'count' ? count(datum.amount) : money(datum.amount)", as: "amount_text"}],
    mark: {type: "bar", tooltip: true},
    encoding: {
      y: segmentAxis,
      yOffset: {field: "measure", sort: labels},
      x: {field: "share", type: "quantitative", title: "Share of the total", axis: {...PERCENT_AXIS}},
      color: {
        field: "measure",
        title: null,
        sort: labels,
        scale: {domain: labels, range: shared.map((m) => m.color)},
        // one legend row where it fits, one entry a row on a phone
        legend: {orient: "bottom", columns: width < 480 ? 1 : labels.length}
      },
      tooltip: [
        {field: "segment", title: "Segment"},
        {field: "measure", title: "Measure"},
        {field: "share", title: "Share", ...PERCENT},
        {field: "amount_text", title: "Amount", type: "nominal"}
      ]
    }
  };
  if (!signed.length) return {...(title ? {title} : {}), width, ...sharesSpec} as TopLevelSpec;
  const amounts = rows.flatMap((r) =>
    signed.map((m) => ({segment: r.segment, measure: m.label, amount: Number(r[m.field] ?? 0)}))
  );
  // Concatenated views are not fitted by Vega-Lite: leave room for the y axis' segment names.
  const inner = Math.max(120, width - Math.max(90, width * 0.35) - 40);
  return {
    ...(title
      ? {
          title: {
            text: title,
            subtitle: signed.map((m) => `${m.label} in amounts: its total is not positive`).join("; ")
          }
        }
      : {}),
    vconcat: [
      ...(shared.length ? [{...sharesSpec, width: inner}] : []),
      {
        width: inner,
        height: Math.max(120, (bar + 8) * signed.length * present.length),
        data: {values: amounts},
        mark: {type: "bar", tooltip: true},
        encoding: {
          y: segmentAxis,
          yOffset: {field: "measure"},
          x: {
            field: "amount",
            type: "quantitative",
            title: signed.map((m) => m.label).join(", "),
            axis: {...MONEY_AXIS}
          },
          color: {
            condition: {test: "datum.amount < 0", value: COLORS.loss},
            value: signed[0].color
          },
          tooltip: [
            {field: "segment", title: "Segment"},
            {field: "measure", title: "Measure"},
            {field: "amount", title: "Amount", ...MONEY}
          ]
        }
      }
    ],
    resolve: {scale: {y: "shared"}}
  } as TopLevelSpec;
}
