/**
 * CSV that is safe to open in a spreadsheet: every CSV the site offers or the loaders write goes through here.
 * A text cell starting with =, +, -, @, a tab or a carriage return would be run as a formula by Excel,
 * LibreOffice or Google Sheets (CSV injection, e.g. `=HYPERLINK(…)` in an article name), so it gets a leading
 * apostrophe, as OWASP recommends; a cell that is just a number ("-99.50") is a number, not a formula, and stays.
 */
import {csvFormat} from "d3-dsv";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)?$/;

/**
 * A cell value as a spreadsheet will read it safely.
 * @example spreadsheetSafe("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 * @example spreadsheetSafe("-99.50") // "-99.50"
 */
export function spreadsheetSafe(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * Rows as CSV text (header from the first row's keys), every text cell made spreadsheet-safe.
 * @example toCsv([{name: "@SUM(A1)", n: 2}]) // "name,n\n'@SUM(A1),2"
 */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const safe = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)])));
  return csvFormat(safe as Record<string, string>[]);
}

/** Offer rows as a CSV download (charts, tables, the SQL editor). */
export function downloadCsv(rows: readonly Record<string, unknown>[], filename: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], {type: "text/csv"}));
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}
