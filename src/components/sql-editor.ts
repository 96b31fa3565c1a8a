/**
 * The Explore page's SQL cell: a text area with Run (Ctrl/Cmd + Enter), a row limit, saved examples, the
 * result as a table with an automatic chart and a CSV download, and DuckDB's error message when the SQL is
 * wrong. The query is kept in the URL (?q=) so a link reproduces it; a query from a link waits for Run.
 *
 * The editor is built once and keeps its query and result; only the result's chart follows the page's width
 * (setWidth, from a cell of its own that reads Framework's `width`). An editor rebuilt on every width change
 * lost the result whenever the window was resized or a scrollbar appeared.
 */
import {html} from "htl";
import {autoChart} from "./auto-chart.js";
import type {QueryResult, SqlClient} from "./duckdb-client.js";
import {formatCount, type FormatOptions} from "./format.js";
import {setUrlParams, urlText} from "./url-state.js";
import {dataTable} from "./data-table.js";
import {renderChart} from "./vl-render.js";

export interface Example {
  label: string;
  sql: string;
}

export interface SqlEditor {
  element: HTMLElement;
  /** Redraw the result's chart to this width (the page's `width`); the query is not run again. */
  setWidth(width: number): void;
}

export function sqlEditor(
  client: SqlClient,
  {examples, format}: {examples: readonly Example[]; format: FormatOptions}
): SqlEditor {
  const textarea = html`<textarea
    class="sql-text"
    spellcheck="false"
    rows="8"
    aria-label="SQL query"
  ></textarea>` as HTMLTextAreaElement;
  textarea.value = urlText("q", examples[0]?.sql ?? "SELECT 42 AS answer");
  const limit = html`<input
    type="number"
    min="1"
    max="1000000"
    value="1000"
    aria-label="Row limit"
    style="width: 7em"
  />` as HTMLInputElement;
  const examplePicker = html`<select aria-label="Saved examples">
    <option value="">Saved examples…</option>
    ${examples.map((e, i) => html`<option value=${String(i)}>${e.label}</option>`)}
  </select>` as HTMLSelectElement;
  const run = html`<button type="button" class="sql-run">Run ▶</button>` as HTMLButtonElement;
  const status = html`<span class="sql-status muted"></span>` as HTMLElement;
  const output = html`<div class="sql-output"></div>` as HTMLElement;
  const chartSlot = html`<div class="sql-chart"></div>` as HTMLElement;

  let shown: QueryResult | undefined; // the result on screen
  let width = 640; // until the page's cell says
  let drawing = 0; // the latest chart asked for: an older one that finishes later is dropped
  const drawChart = async () => {
    const result = shown;
    if (!result) return;
    const mine = ++drawing;
    const chart = autoChart(result.columns, result.rows, {width: width - 40});
    const node =
      "spec" in chart
        ? await renderChart(chart.spec, {format, filename: "query"})
        : (html`<p class="muted">${chart.reason}</p>` as HTMLElement);
    // the chart on screen stays until its replacement has drawn
    if (mine === drawing && shown === result) chartSlot.replaceChildren(node);
  };

  const execute = async () => {
    const sql = textarea.value.trim().replace(/;\s*$/, "");
    setUrlParams({q: sql});
    const rowLimit = Math.max(1, Math.floor(Number(limit.value) || 1000));
    status.textContent = "Running…";
    run.disabled = true;
    try {
      // The limit wraps a query and is bound as a parameter, never pasted into the SQL; other statements
      // (CREATE TEMP TABLE, SET, …) run as they are.
      const result = /^(select|with|from|values|table|pivot|unpivot|describe|summarize|show)\b/i.test(sql)
        ? await client.query(`SELECT * FROM (${sql}) AS q LIMIT ?`, [rowLimit])
        : await client.query(sql);
      status.textContent = `${formatCount(result.rows.length, "row", "rows", format)}${result.rows.length === rowLimit ? ` (limited to ${rowLimit.toLocaleString(format.locale)})` : ""} in ${Math.round(result.elapsedMs)} ms`;
      // every column as it comes: numbers in the locale's format, sortable, searchable, with a CSV export
      const table = dataTable(result.rows, {
        columns: result.columns.map((c) => ({key: c.name, label: c.name, kind: isNumber(c.type) ? "number" : "text"})),
        format,
        noun: ["row", "rows"],
        filename: "query"
      });
      shown = result;
      chartSlot.replaceChildren();
      output.replaceChildren(table, chartSlot);
      await drawChart();
    } catch (error) {
      shown = undefined;
      status.textContent = "";
      output.replaceChildren(html`<pre class="sql-error" role="alert">${cleanMessage(error)}</pre>`);
    } finally {
      run.disabled = false;
    }
  };

  run.addEventListener("click", () => void execute());
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void execute();
    } else if (event.key === "Tab") {
      event.preventDefault();
      textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
    }
  });
  examplePicker.addEventListener("change", () => {
    const example = examples[Number(examplePicker.value)];
    if (example) {
      textarea.value = example.sql;
      void execute();
    }
  });
  // A query that came with a link runs only when the user presses Run: a link must not run SQL on its own.
  if (urlText("q", "") === "") void execute();
  else status.textContent = "Query from the link: read it, then press Run.";
  const element = html`<div class="sql-editor">
    ${textarea}
    <div class="sql-toolbar">${run} <label>Row limit ${limit}</label> ${examplePicker} ${status}</div>
    ${output}
  </div>` as HTMLElement;
  return {
    element,
    setWidth(newWidth) {
      if (newWidth === width) return;
      width = newWidth;
      drawChart().catch((error) =>
        chartSlot.replaceChildren(html`<pre class="sql-error" role="alert">${cleanMessage(error)}</pre>`)
      );
    }
  };
}

/** DuckDB's message without the JavaScript stack. */
function cleanMessage(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n    at ")[0];
}

/** A DuckDB/Arrow column type that holds numbers: INTEGER, BIGINT, DOUBLE, DECIMAL(18,4), Int32, Float64… */
function isNumber(type: string): boolean {
  return /int|float|double|decimal|numeric|real/i.test(type);
}
