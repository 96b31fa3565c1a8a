/**
 * The one table of the pages: sortable (click a header), searchable (every column, as shown), formatted by
 * column kind in the dataset's locale and currency (format.ts), codes read through the vocabulary, segments with
 * their colour (palette.ts), numbers right-aligned, a CSV export of the rows as filtered and sorted, and a
 * "show more" instead of a page-long table. With `select`, a click (or Enter) on a row chooses it: the table is
 * then an input whose value is the chosen row's key (or null), and `choose(key)` selects one from elsewhere
 * (a click on the segment's bar), `choose(null)` none.
 *
 * @example dataTable(members, {columns: [{key: "customer", label: "Customer"}, {key: "revenue", label: "Revenue",
 *   kind: "money"}], format: fmt, noun: ["customer", "customers"], sort: "revenue", filename: "members"})
 */
import {
  formatChange,
  formatCount,
  formatInteger,
  formatMoney,
  formatMoneyExact,
  formatPercent,
  numberFormat,
  type FormatOptions
} from "./format.js";
import {COLORS, segmentScale} from "./palette.js";
import {downloadCsv} from "./csv.js";
import {codeLabel} from "./vocabulary.js";

/** How a column's values read: text as is, codes through the vocabulary, segments with their colour, numbers. */
export type ColumnKind =
  "text" | "code" | "segment" | "money" | "moneyExact" | "count" | "number" | "percent" | "change" | "score";

export interface Column<Row> {
  key: keyof Row & string;
  label: string;
  kind?: ColumnKind;
  /** For kind "segment": the scheme's display order (fixes the colours, as on the charts). */
  order?: readonly string[];
  /** Mark negative amounts (loss-makers). Default: true for money. */
  signed?: boolean;
  /** A column's own reading of a value (e.g. a check mark), instead of its kind's. */
  show?: (value: unknown) => string;
}

export interface TableOptions<Row> {
  columns: readonly Column<Row>[];
  format: FormatOptions;
  /** The rows' noun, one and many: "12 of 340 customers". */
  noun: readonly [string, string];
  /** Initial sort column (descending for numbers, ascending for text) and direction. */
  sort?: keyof Row & string;
  descending?: boolean;
  /** Rows shown before "Show more". Default 15. */
  pageSize?: number;
  /** Base file name of the CSV export. */
  filename?: string;
  /** Searchable. Default true. */
  search?: boolean;
  /** Rows can be chosen: the key column and the initially chosen key. */
  select?: {key: keyof Row & string; value?: string | null};
}

export type DataTable = HTMLElement & {value: string | null; choose(key: string | null): void};

const NUMERIC: readonly ColumnKind[] = ["money", "moneyExact", "count", "number", "percent", "change", "score"];

export function dataTable<Row extends object>(rows: readonly Row[], options: TableOptions<Row>): DataTable {
  const {columns, format, noun, pageSize = 15, filename = "table", search = true, select} = options;
  const kindOf = (c: Column<Row>): ColumnKind => c.kind ?? "text";
  const numeric = (c: Column<Row>) => NUMERIC.includes(kindOf(c));
  const get = (row: Row, c: Column<Row>) => (row as Record<string, unknown>)[c.key];
  const scales = new Map(
    columns.filter((c) => kindOf(c) === "segment").map((c) => [c.key, segmentScale(c.order ?? [])] as const)
  );
  // Each cell is formatted once, not again on every keystroke, sort or "show more".
  const texts = new WeakMap<Row, Map<string, string>>();
  const shown = (row: Row, c: Column<Row>): string => {
    let cells = texts.get(row);
    if (!cells) texts.set(row, (cells = new Map()));
    let text = cells.get(c.key);
    if (text === undefined) {
      text = c.show ? c.show(get(row, c)) : display(get(row, c), kindOf(c), format);
      cells.set(c.key, text);
    }
    return text;
  };
  const searchTexts = new WeakMap<Row, string>();
  const searchText = (row: Row): string => {
    let text = searchTexts.get(row);
    if (text === undefined) {
      text = columns
        .map((c) => `${shown(row, c)} ${get(row, c) ?? ""}`)
        .join(" ")
        .toLowerCase();
      searchTexts.set(row, text);
    }
    return text;
  };

  let sortKey: string | undefined = options.sort;
  let descending = options.descending ?? (options.sort ? numeric(columns.find((c) => c.key === options.sort)!) : false);
  let query = "";
  let limit = pageSize;

  const root = document.createElement("div") as unknown as DataTable;
  root.className = "data-table";
  root.value =
    select?.value != null && rows.some((r) => String(get(r, keyColumn())) === select.value) ? select.value : null;

  const bar = element("div", "data-table-bar");
  const input = document.createElement("input");
  input.type = "search";
  input.placeholder = `Search ${formatCount(rows.length, noun[0], noun[1], format)}…`;
  input.setAttribute("aria-label", `Search ${noun[1]}`);
  const status = element("span", "data-table-status muted");
  const csv = element("button", "data-table-csv no-print");
  csv.textContent = "CSV";
  csv.title = "Download the rows as shown (filtered and sorted) as CSV";
  if (search) bar.append(input);
  bar.append(status, csv);

  const scroll = element("div", "data-table-scroll");
  const table = document.createElement("table");
  const thead = document.createElement("thead");
  const tbody = document.createElement("tbody");
  table.append(thead, tbody);
  scroll.append(table);
  const more = element("button", "data-table-more no-print");
  root.append(bar, scroll, more);

  function keyColumn(): Column<Row> {
    return columns.find((c) => c.key === select?.key) ?? columns[0];
  }

  const visible = (): Row[] => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const matched = terms.length ? rows.filter((row) => terms.every((t) => searchText(row).includes(t))) : [...rows];
    const column = columns.find((c) => c.key === sortKey);
    if (column) {
      const compare = numeric(column)
        ? (a: Row, b: Row) => Number(get(a, column) ?? -Infinity) - Number(get(b, column) ?? -Infinity)
        : (a: Row, b: Row) => shown(a, column).localeCompare(shown(b, column), format.locale, {numeric: true});
      matched.sort((a, b) => (descending ? -compare(a, b) : compare(a, b)));
    }
    return matched;
  };

  const render = () => {
    const matched = visible();
    thead.replaceChildren(
      row(
        columns.map((c) => {
          const th = element("th", numeric(c) ? "num" : "");
          const button = element("button", "data-table-sort");
          button.textContent = c.label;
          button.title = `Sort by ${c.label}`;
          button.addEventListener("click", () => {
            descending = sortKey === c.key ? !descending : numeric(c);
            sortKey = c.key;
            render();
          });
          th.append(button);
          if (sortKey === c.key) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          return th;
        })
      )
    );
    tbody.replaceChildren(
      ...matched.slice(0, limit).map((r) => {
        const tr = row(
          columns.map((c) => {
            const td = element("td", numeric(c) ? "num" : "");
            const value = get(r, c);
            if ((c.signed ?? kindOf(c).startsWith("money")) && Number(value) < 0) td.classList.add("negative");
            const scale = scales.get(c.key);
            if (scale) {
              const swatch = element("span", "swatch");
              swatch.style.background = scale.range[scale.domain.indexOf(String(value))] ?? COLORS.none;
              td.append(swatch);
            }
            td.append(shown(r, c));
            return td;
          })
        );
        if (select) {
          const key = String(get(r, keyColumn()));
          tr.dataset.key = key;
          tr.tabIndex = 0;
          tr.title = `Show the customers of ${codeLabel(key)}`;
          tr.classList.toggle("selected", key === root.value);
        }
        return tr;
      })
    );
    const total = formatCount(rows.length, noun[0], noun[1], format);
    status.textContent =
      matched.length === rows.length ? total : `${formatInteger(matched.length, format)} of ${total}`;
    const left = matched.length - Math.min(limit, matched.length);
    more.hidden = left <= 0;
    more.textContent = `Show ${formatInteger(Math.min(left, pageSize * 4), format)} more of ${formatInteger(left, format)}`;
  };

  input.addEventListener("input", (event) => {
    event.stopPropagation(); // the table's own input event means "a row was chosen"
    query = input.value;
    limit = pageSize;
    render();
  });
  more.addEventListener("click", () => {
    limit += pageSize * 4;
    render();
  });
  csv.addEventListener("click", () =>
    downloadCsv(
      visible().map((r) => Object.fromEntries(columns.map((c) => [c.label, get(r, c)]))),
      `${filename}.csv`
    )
  );

  if (select) {
    const choose = (key: string | null) => {
      root.value = key;
      render();
      root.dispatchEvent(new Event("input", {bubbles: true}));
    };
    root.choose = (key: string | null) => {
      if (key === null || rows.some((r) => String(get(r, keyColumn())) === key)) choose(key);
    };
    const pick = (target: EventTarget | null) => {
      const tr = (target as HTMLElement | null)?.closest?.("tbody tr") as HTMLElement | null;
      if (tr?.dataset.key !== undefined) choose(root.value === tr.dataset.key ? null : tr.dataset.key);
    };
    tbody.addEventListener("click", (event) => pick(event.target));
    tbody.addEventListener("keydown", (event) => {
      if (event.key === "Enter") pick(event.target);
    });
  } else root.choose = () => {};

  if (!rows.length) {
    // nothing to sort, search or export: one line says so instead of an empty table
    const none = element("p", "data-table-empty muted");
    none.textContent = `No ${noun[1]}.`;
    root.replaceChildren(none);
    return root;
  }
  render();
  return root;
}

/** A value as its column shows it. */
function display(value: unknown, kind: ColumnKind, format: FormatOptions): string {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) return "–";
  const n = Number(value);
  switch (kind) {
    case "money":
      return formatMoney(n, format);
    case "moneyExact":
      return formatMoneyExact(n, format);
    case "count":
      return formatInteger(n, format);
    case "number":
      return numberFormat(format.locale, {maximumFractionDigits: 4}).format(n);
    case "percent":
      return formatPercent(n, format);
    case "change":
      return formatChange(n, format);
    case "score":
      return numberFormat(format.locale, {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(n);
    case "code":
    case "segment":
      return codeLabel(value);
    default:
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
}

function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  return el;
}

function row(cells: HTMLElement[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}
