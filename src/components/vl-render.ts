/**
 * The one place charts are rendered: Vega-Lite compiled to Vega and drawn by a Vega view, all from
 * node_modules, bundled into one module (vendor/vega.js, see vendor/vega.d.ts; no vega-embed: its menus, themes
 * and editor links are not used here, and every page would download them), SVG renderer, locale-aware number
 * formats, Vega's CSP-safe expression interpreter (no eval; the site's Content-Security-Policy forbids it),
 * vega-tooltip's tooltips, and export buttons for PNG, SVG and the data behind the chart as CSV.
 */
import type {TopLevelSpec} from "vega-lite";
import {
  compile,
  expressionFunction,
  expressionInterpreter,
  formatLocale,
  Handler,
  parse,
  View,
  Warn
} from "./vendor/vega.js";
import {chartFormatters, DEFAULT_FORMAT, vegaFormatLocale, type FormatOptions} from "./format.js";
import {download, downloadCsv} from "./csv.js";
import {COLORS} from "./palette.js";
import {codeLabel} from "./vocabulary.js";

// Axis, legend and tooltip labels read codes through the one vocabulary (see vocabulary.ts).
expressionFunction("codeLabel", codeLabel);

/**
 * The chart formats of format.ts (MONEY, PERCENT…) as Vega expression functions, and Vega's own number format
 * locale (d3-format specifiers), for the dataset's locale and currency. Both are global in Vega: a site shows one
 * dataset, so one set serves every chart of a page; renderChart registers them for the format it is given.
 */
function registerFormats(format: FormatOptions): void {
  const key = JSON.stringify(format);
  if (key === registered) return; // a page's charts share one format: register it once
  registered = key;
  for (const [name, formatter] of Object.entries(chartFormatters(format))) expressionFunction(name, formatter);
  formatLocale(vegaFormatLocale(format));
}
let registered = "";
registerFormats(DEFAULT_FORMAT);

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
  /** A sparkline: small by design (the layout checks do not hold it to a plot's least height). */
  sparkline?: boolean;
  /** Called with the data row of a clicked mark (a bar, a point, a cell): drill-down, as a table row does. */
  onSelect?: (datum: Record<string, unknown>) => void;
}

/** Shared Vega-Lite config: readable from the back of a room, neutral axes, no chart border. */
export function chartConfig(large = false): Record<string, unknown> {
  const base = large ? 22 : 13;
  return {
    font: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif",
    // the formats of format.ts (MONEY, PERCENT…) are custom format types
    customFormatTypes: true,
    view: {stroke: null},
    axis: {
      labelFontSize: base,
      titleFontSize: base + 1,
      grid: true,
      gridColor: COLORS.grid,
      domainColor: COLORS.axis,
      tickColor: COLORS.axis,
      // a projector chart is tall: Vega's default (one tick per 40 px) would crowd it with numbers
      ...(large ? {tickCount: 8} : {}),
      labelExpr: "codeLabel(datum.label)"
    },
    // the first and last labels of a continuous x axis sit inside the axis, not past the chart's edge
    axisX: {labelFlush: true},
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
    header: {labelFontSize: base, titleFontSize: base + 1, labelExpr: "codeLabel(datum.label)"},
    title: {fontSize: base + 4, anchor: "start", fontWeight: 600},
    text: {fontSize: base},
    bar: {cornerRadiusEnd: 2},
    line: {strokeWidth: large ? 4 : 2.5},
    point: {size: large ? 120 : 50, filled: true}
  };
}

/**
 * Legend labels and tooltips read codes through the vocabulary too (Vega-Lite has no legend labelExpr in its
 * config): every colour, fill, stroke or shape legend of the spec, in layers and concatenations, gets it unless it
 * has its own, and so does every tooltip field that is not a number or a date and has no format of its own.
 */
function withVocabulary(spec: TopLevelSpec): TopLevelSpec {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "data" || key === "datasets") out[key] = value;
      else if (key === "encoding" && typeof value === "object" && value !== null) {
        const encoding: Record<string, unknown> = {...(value as Record<string, unknown>)};
        for (const channel of ["color", "fill", "stroke", "shape"]) {
          const def = encoding[channel] as {field?: unknown; legend?: unknown} | undefined;
          if (!def || typeof def !== "object" || !def.field || def.legend === null) continue;
          encoding[channel] = {
            ...def,
            legend: {labelExpr: "codeLabel(datum.label)", ...((def.legend as object) ?? {})}
          };
        }
        if (Array.isArray(encoding.tooltip)) encoding.tooltip = encoding.tooltip.map(tooltipLabel);
        out[key] = encoding;
      } else out[key] = visit(value);
    }
    return out;
  };
  return visit(spec) as TopLevelSpec;
}

/** A tooltip field of codes shows their labels: {field: "segment"} → {field: "segment", formatType: "codeLabel"}. */
function tooltipLabel(def: unknown): unknown {
  if (typeof def !== "object" || def === null) return def;
  const {type, format, formatType, aggregate} = def as Record<string, unknown>;
  const numeric = type === "quantitative" || type === "temporal" || aggregate !== undefined;
  return numeric || format !== undefined || formatType !== undefined ? def : {...def, formatType: "codeLabel"};
}

/**
 * Limits that keep axis titles and legend labels inside a chart of the spec's width: a longer one ends in "…"
 * (its tooltip has the whole text) instead of running past the chart's edge on a phone.
 */
function textLimits(spec: TopLevelSpec): Record<string, unknown> {
  const width = (spec as {width?: unknown}).width;
  if (typeof width !== "number") return {};
  return {
    axisX: {titleLimit: Math.max(80, width - 60)},
    axisY: {titleLimit: Math.max(80, Number((spec as {height?: unknown}).height) || 200)},
    // a legend wider than a narrow chart is cut at its edge: one entry a row there
    legend: {
      labelLimit: Math.max(80, Math.min(260, width - 60)),
      // a bottom legend starts where the plot starts, right of the y axis: on a narrow chart its title has about
      // half the width
      titleLimit: width < 480 ? Math.max(60, width / 2) : Math.max(80, width - 40),
      ...(width < 480 ? {columns: 1, direction: "vertical"} : {})
    }
  };
}

/**
 * Render a Vega-Lite spec into a <figure> with export buttons. The spec should carry its own `width`
 * (pass Framework's reactive `width` into the spec function) so the chart follows its container.
 * @example display(await renderChart(revenueBars(rows, {width}), {filename: "revenue"}))
 */
export function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<HTMLElement> {
  // Charts are drawn one at a time, in the order the page asks for them, each shown before the next is started:
  // otherwise every chart of a page compiles before any finishes drawing, and the first (at the top of the page)
  // waits for the last. Drawing them all takes as long either way.
  countQueued(+1);
  const drawn = queue.then(() => draw(spec, options));
  queue = drawn.then(nextTask, nextTask);
  const done = () => countQueued(-1);
  drawn.then(done, done);
  return drawn;
}
let queue: Promise<unknown> = Promise.resolve();
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The charts asked for and not drawn yet, on the page's root element (data-charts-queued): a chart still in the
 * queue has no figure yet, so whoever waits for every chart (the PDF printer, the browser tests, the benchmark)
 * waits for this to be 0 as well as for every figure's data-rendered.
 */
function countQueued(change: number): void {
  const root = document.documentElement;
  root.dataset.chartsQueued = String(Number(root.dataset.chartsQueued ?? 0) + change);
}

async function draw(spec: TopLevelSpec, options: RenderOptions): Promise<HTMLElement> {
  const {format = DEFAULT_FORMAT, filename = "chart", large = false, hideActions = false, sparkline = false} = options;
  const figure = document.createElement("figure");
  figure.className = "vl-chart";
  if (sparkline) figure.dataset.kind = "sparkline";
  figure.style.maxWidth = "none";
  figure.style.margin = "0";
  const target = document.createElement("div");
  figure.append(target);
  // On a page, "fit-x" makes the spec's width the chart's outer width (axes and legend included, so it fits its
  // card) and its height the plot's own height: axes and legends add to it, never take from it, so a plot is
  // never crushed. A slide has a fixed canvas: there the spec's height is the chart's outer height ("fit").
  registerFormats(format);
  spec = withVocabulary(spec);
  // Vega-Lite fits only single and layered views; a facet or a concatenation fitted to a width it does not have
  // is drawn 0 px wide: those size their own panels and are padded around them.
  const composite = ["facet", "vconcat", "hconcat", "concat", "repeat"].some((key) => key in spec);
  const withConfig = {
    autosize: composite ? {type: "pad"} : {type: large ? "fit" : "fit-x", contains: "padding"},
    // room for the outer labels' halves: the top y label ("100 %" on a 0–100 % axis) and the last x label
    padding: {top: 10, right: 10, bottom: 5, left: 5},
    ...spec,
    config: mergeConfig(
      mergeConfig(chartConfig(large), large ? {} : textLimits(spec)),
      (spec as {config?: Record<string, unknown>}).config ?? {}
    )
  } as TopLevelSpec;
  // a fitted chart fills its container's width; a composite one keeps the size of its panels
  target.style.position = "relative";
  target.style.display = composite ? "inline-block" : "block";
  if (!composite) target.style.width = "100%";
  const view = new View(parse(compile(withConfig).spec, undefined, {ast: true}), {
    renderer: "svg",
    expr: expressionInterpreter,
    logLevel: Warn,
    tooltip: new Handler({theme: "light"}).call
  });
  await view.initialize(target).runAsync();
  if (options.onSelect) {
    const onSelect = options.onSelect;
    figure.classList.add("selectable");
    view.addEventListener("click", (_event, item) => {
      if (item?.datum && typeof item.datum === "object") onSelect(item.datum);
    });
  }
  figure.dataset.rendered = "true";
  figure.dataset.renderedAt = String(Math.round(performance.now()));
  if (!hideActions) figure.append(exportButtons(view, filename, options.data ?? inlineValues(spec)));
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

function inlineValues(spec: TopLevelSpec): readonly Record<string, unknown>[] | undefined {
  const data = (spec as {data?: {values?: unknown}}).data;
  return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : undefined;
}
