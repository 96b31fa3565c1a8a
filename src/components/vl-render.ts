/**
 * The one place charts are rendered: Vega-Lite through vega-embed from node_modules, SVG renderer,
 * locale-aware number formats, Vega's CSP-safe expression interpreter (no eval; the site's
 * Content-Security-Policy forbids it), and export buttons for PNG, SVG and the data behind the chart as CSV.
 */
import embed from "vega-embed";
import {expressionInterpreter} from "vega-interpreter";
import type {TopLevelSpec} from "vega-lite";
import {DEFAULT_FORMAT, vegaFormatLocale, type FormatOptions} from "./format.js";
import {toCsv} from "./csv.js";

export interface RenderOptions {
  /** Locale and currency for axis and tooltip formats. */
  format?: FormatOptions;
  /** Base file name for exports (no extension). Default "chart". */
  filename?: string;
  /** Rows offered as CSV export; default: the spec's inline data values. */
  data?: readonly Record<string, unknown>[];
  /** Projector theme: larger type, thicker marks (sales-meeting mode). */
  large?: boolean;
  /** Hide the export buttons (slides). Default false. */
  hideActions?: boolean;
}

/** Shared Vega-Lite config: readable from the back of a room, neutral axes, no chart border. */
export function chartConfig(large = false): Record<string, unknown> {
  const base = large ? 22 : 13;
  return {
    font: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif",
    view: {stroke: null},
    axis: {
      labelFontSize: base,
      titleFontSize: base + 1,
      grid: true,
      gridColor: "#e6e6e6",
      domainColor: "#888",
      tickColor: "#888",
      // a projector chart is tall: Vega's default (one tick per 40 px) would crowd it with numbers
      ...(large ? {tickCount: 8} : {})
    },
    legend: {
      labelFontSize: base,
      titleFontSize: base + 1,
      symbolSize: large ? 300 : 120,
      orient: "bottom",
      columns: 4,
      // never cut a legend's title or labels short ("Customer t…")
      titleLimit: 0,
      labelLimit: large ? 480 : 260
    },
    header: {labelFontSize: base, titleFontSize: base + 1},
    title: {fontSize: base + 4, anchor: "start", fontWeight: 600},
    text: {fontSize: base},
    bar: {cornerRadiusEnd: 2},
    line: {strokeWidth: large ? 4 : 2.5},
    point: {size: large ? 120 : 50, filled: true}
  };
}

/**
 * Render a Vega-Lite spec into a <figure> with export buttons. The spec should carry its own `width`
 * (pass Framework's reactive `width` into the spec function) so the chart follows its container.
 * @example display(await renderChart(revenueBars(rows, {width}), {filename: "revenue"}))
 */
export async function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<HTMLElement> {
  const {format = DEFAULT_FORMAT, filename = "chart", large = false, hideActions = false} = options;
  const figure = document.createElement("figure");
  figure.className = "vl-chart";
  figure.style.maxWidth = "none";
  figure.style.margin = "0";
  const target = document.createElement("div");
  figure.append(target);
  // "fit" makes the spec's width the chart's outer width, axes and legend included, so it fits its card.
  const withConfig = {
    autosize: {type: "fit", contains: "padding"},
    ...spec,
    config: mergeConfig(chartConfig(large), (spec as {config?: Record<string, unknown>}).config ?? {})
  } as TopLevelSpec;
  const result = await embed(target, withConfig, {
    renderer: "svg",
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    formatLocale: vegaFormatLocale(format),
    tooltip: {theme: "light"}
  });
  figure.dataset.rendered = "true";
  if (!hideActions) figure.append(exportButtons(result.view, filename, options.data ?? inlineValues(spec)));
  return figure;
}

function exportButtons(
  view: {toImageURL(type: string, scale?: number): Promise<string>},
  filename: string,
  rows: readonly Record<string, unknown>[] | undefined
): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "chart-actions no-print";
  const button = (label: string, onClick: () => Promise<void> | void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => void onClick());
    bar.append(b);
  };
  button("PNG", async () => download(await view.toImageURL("png", 2), `${filename}.png`));
  button("SVG", async () => download(await view.toImageURL("svg"), `${filename}.svg`));
  if (rows?.length) button("CSV", () => downloadCsv(rows, `${filename}.csv`));
  return bar;
}

/** A spec's own config wins, one level deep (e.g. `axis: {grid: false}` keeps the shared axis font sizes). */
function mergeConfig(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {...base};
  for (const [key, value] of Object.entries(own)) {
    const shared = base[key];
    const isObject = (x: unknown) => typeof x === "object" && x !== null && !Array.isArray(x);
    merged[key] = isObject(shared) && isObject(value) ? {...(shared as object), ...(value as object)} : value;
  }
  return merged;
}

/** Offer rows as a CSV download (also used by tables). */
export function downloadCsv(rows: readonly Record<string, unknown>[], filename: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], {type: "text/csv"}));
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

function inlineValues(spec: TopLevelSpec): readonly Record<string, unknown>[] | undefined {
  const data = (spec as {data?: {values?: unknown}}).data;
  return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : undefined;
}
