/**
 * The drill-down every page opens the same way (a click on a table row, a bar, a point or a cell): a heading that
 * says whose customers these are, and the one table of customers with their revenue and profit.
 */
import {html} from "htl";
import {dataTable, type Column} from "./data-table.js";
import {formatCount, type FormatOptions} from "./format.js";

export interface CustomerRow {
  customer: string;
  revenue: number;
  gross_margin: number;
  cost_to_serve: number;
  net_contribution: number;
}

export const CUSTOMER_COLUMNS: readonly Column<CustomerRow>[] = [
  {key: "customer", label: "Customer"},
  {key: "revenue", label: "Revenue", kind: "money"},
  {key: "gross_margin", label: "Gross margin", kind: "money"},
  {key: "cost_to_serve", label: "Cost to serve", kind: "money", signed: false},
  {key: "net_contribution", label: "Net contribution", kind: "money"}
];

/**
 * @example customerList(members, {who: "A", when: "2025", format: fmt, filename: "abc-A-2025"})
 *   // <h3>A: 125 customers in 2025</h3> and the table, largest revenue first
 */
export function customerList<Row extends object = CustomerRow>(
  rows: readonly Row[],
  {
    who,
    when,
    format,
    filename,
    columns = CUSTOMER_COLUMNS as unknown as readonly Column<Row>[],
    sort = "revenue" as keyof Row & string,
    clear
  }: {
    who: string;
    when: string;
    format: FormatOptions;
    filename: string;
    columns?: readonly Column<Row>[];
    sort?: keyof Row & string;
    /** Offer to close the list (the choice that opened it is cleared). */
    clear?: () => void;
  }
): HTMLElement {
  const close = clear
    ? html`<button type="button" class="customer-list-clear no-print" onclick=${clear}>Clear the selection</button>`
    : "";
  return html`<section class="customer-list">
    <h3>${who}: ${formatCount(rows.length, "customer", "customers", format)} in ${when} ${close}</h3>
    ${dataTable(rows, {columns, format, noun: ["customer", "customers"], sort, filename})}
  </section>` as HTMLElement;
}
