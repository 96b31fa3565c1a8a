/**
 * Pick a Vega-Lite chart for a query result from its shape, as a notebook would: a time or period column with
 * numbers → lines; one category and a number → horizontal bars (top 30); two numbers → a scatter; two
 * categories and a number → a heatmap. Anything else gets no chart (and says why).
 */
import type {TopLevelSpec} from "vega-lite";
import {INTENSITY_SCHEME} from "./palette.js";

export interface ResultColumn {
  name: string;
  /** Arrow/DuckDB type name, e.g. "Float64", "Utf8", "Int64", "Date32<DAY>". */
  type: string;
}

export type ChartKind = "line" | "bar" | "scatter" | "heatmap";

export interface AutoChart {
  kind: ChartKind;
  spec: TopLevelSpec;
}

const isNumeric = (c: ResultColumn) => /int|float|decimal|double/i.test(c.type);
const isTemporal = (c: ResultColumn) => /date|time/i.test(c.type);
/** Period-like text ids: 2024, 2024-03, 2024-Q1, 2024-SS, FY2024/25. */
const isPeriodName = (c: ResultColumn) => /^(period|year|month|quarter|season|fiscal_year|date)$/i.test(c.name);

/**
 * @returns a chart for the shape, or undefined with `reason` when no chart fits
 * @example autoChart([{name: "period", type: "Utf8"}, {name: "revenue", type: "Float64"}], rows, {width: 600})?.kind // "line"
 */
export function autoChart(
  columns: readonly ResultColumn[],
  rows: readonly Record<string, unknown>[],
  {width}: {width: number}
): AutoChart | {reason: string} {
  if (!rows.length) return {reason: "No rows to chart."};
  const numbers = columns.filter(isNumeric);
  const others = columns.filter((c) => !isNumeric(c));
  const time = columns.find((c) => isTemporal(c) || (!isNumeric(c) && isPeriodName(c)));
  const values = rows as Record<string, unknown>[];
  const tooltip = columns
    .slice(0, 8)
    .map((c) => ({field: c.name, type: isNumeric(c) ? ("quantitative" as const) : ("nominal" as const)}));
  if (time && numbers.length >= 1) {
    const series = others.find((c) => c !== time);
    return {
      kind: "line",
      spec: {
        width,
        height: 320,
        data: {values},
        mark: {type: "line", point: true, tooltip: true},
        encoding: {
          x: {field: time.name, type: isTemporal(time) ? "temporal" : "ordinal", title: time.name},
          y: {field: numbers[0].name, type: "quantitative", title: numbers[0].name},
          ...(series ? {color: {field: series.name, type: "nominal", title: series.name}} : {}),
          tooltip
        }
      } satisfies TopLevelSpec
    };
  }
  if (others.length === 2 && numbers.length >= 1) {
    return {
      kind: "heatmap",
      spec: {
        width,
        height: 320,
        data: {values},
        mark: {type: "rect", tooltip: true},
        encoding: {
          x: {field: others[1].name, type: "nominal"},
          y: {field: others[0].name, type: "nominal"},
          color: {field: numbers[0].name, type: "quantitative", scale: {scheme: INTENSITY_SCHEME}},
          tooltip
        }
      } satisfies TopLevelSpec
    };
  }
  if (others.length >= 1 && numbers.length >= 1) {
    const top = [...values].sort((a, b) => Number(b[numbers[0].name]) - Number(a[numbers[0].name])).slice(0, 30);
    return {
      kind: "bar",
      spec: {
        width,
        height: Math.max(120, 22 * top.length),
        data: {values: top},
        mark: {type: "bar", tooltip: true},
        encoding: {
          y: {field: others[0].name, type: "nominal", sort: "-x", title: others[0].name},
          x: {field: numbers[0].name, type: "quantitative", title: numbers[0].name},
          tooltip
        }
      } satisfies TopLevelSpec
    };
  }
  if (numbers.length >= 2) {
    return {
      kind: "scatter",
      spec: {
        width,
        height: 360,
        data: {values: values.slice(0, 5000)},
        mark: {type: "point", tooltip: true, opacity: 0.6},
        encoding: {
          x: {field: numbers[0].name, type: "quantitative"},
          y: {field: numbers[1].name, type: "quantitative"},
          tooltip
        }
      } satisfies TopLevelSpec
    };
  }
  return {reason: "No automatic chart for this shape: return a category or period column and a number."};
}
