/**
 * A segment table that is also an input: one row per segment (colour, customers, revenue, net contribution,
 * change since the previous period); clicking a row selects that segment (value = segment name, or null).
 * `choose(segment)` selects one from elsewhere (a click on the segment's bar), `value` sets the initial choice
 * (from the URL).
 */
import {html} from "htl";
import {formatChange, formatInteger, formatMoney, formatPercent, type FormatOptions} from "./format.js";
import {COLORS, segmentScale} from "./palette.js";
import {codeLabel} from "./vocabulary.js";

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
): HTMLElement & {value: string | null; choose(segment: string): void} {
  const scale = segmentScale(order);
  const colour = (segment: string) => scale.range[scale.domain.indexOf(segment)] ?? COLORS.none;
  const sorted = [...rows].sort((a, b) => rank(order, a.segment) - rank(order, b.segment));
  const before = new Map(previous.map((r) => [r.segment, r]));
  const change = (now: number, was: number | undefined) => (was ? formatChange(now / was - 1, format) : "–");
  const table = html`<table class="segment-table">
    <thead>
      <tr>
        <th>Segment</th>
        <th>Customers</th>
        <th>Share</th>
        <th>Revenue</th>
        <th>Share</th>
        <th>Δ revenue</th>
        <th>Gross margin</th>
        <th>Cost to serve</th>
        <th>Net contribution</th>
      </tr>
    </thead>
    <tbody>
      ${sorted.map(
        (r) =>
          html`<tr data-segment=${r.segment} tabindex="0" title="Show the customers of ${codeLabel(r.segment)}">
            <td><span class="swatch" style=${{background: colour(r.segment)}}></span>${codeLabel(r.segment)}</td>
            <td>${formatInteger(r.customers, format)}</td>
            <td>${formatPercent(r.customer_share, format)}</td>
            <td>${formatMoney(r.revenue, format)}</td>
            <td>${formatPercent(r.revenue_share, format)}</td>
            <td>${change(r.revenue, before.get(r.segment)?.revenue)}</td>
            <td>${formatMoney(r.gross_margin, format)}</td>
            <td>${formatMoney(r.cost_to_serve, format)}</td>
            <td class=${r.net_contribution < 0 ? "negative" : ""}>${formatMoney(r.net_contribution, format)}</td>
          </tr>`
      )}
    </tbody>
  </table>` as HTMLElement & {value: string | null; choose(segment: string): void};
  const mark = () => {
    for (const tr of table.querySelectorAll("tbody tr"))
      tr.classList.toggle("selected", (tr as HTMLElement).dataset.segment === table.value);
  };
  table.value = value !== null && rows.some((r) => r.segment === value) ? value : null;
  mark();
  table.choose = (segment: string) => {
    if (!rows.some((r) => r.segment === segment)) return;
    table.value = segment;
    mark();
    table.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const select = (row: HTMLElement | null) => {
    if (!row?.dataset.segment) return;
    const segment = row.dataset.segment;
    table.value = table.value === segment ? null : segment;
    mark();
    table.dispatchEvent(new Event("input", {bubbles: true}));
  };
  table.addEventListener("click", (event) => select((event.target as HTMLElement).closest("tr")));
  table.addEventListener("keydown", (event) => {
    if (event.key === "Enter") select((event.target as HTMLElement).closest("tr"));
  });
  return table;
}

function rank(order: readonly string[], segment: string): number {
  const i = order.indexOf(segment);
  return i < 0 ? order.length : i;
}
