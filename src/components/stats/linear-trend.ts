/**
 * The linear trend of a series (e.g. a segment's share per year): least-squares slope, R², and the t-test of
 * the slope (df = n − 2) with its confidence interval.
 */
import {linearRegression, linearRegressionLine, rSquared} from "simple-statistics";
import {studentTCdf, studentTQuantile} from "./student-t.js";

export interface TrendResult {
  slope: number;
  intercept: number;
  rSquared: number;
  n: number;
  standardError: number;
  t: number;
  df: number;
  pValue: number;
  ci: [number, number];
}

/**
 * @example linearTrend([{x: 1, y: 2}, {x: 2, y: 4.1}, {x: 3, y: 5.9}, {x: 4, y: 8.2}]) // slope 2.04, …
 * @throws Error with fewer than three points (no degrees of freedom left for the slope's test)
 */
export function linearTrend(points: readonly {x: number; y: number}[], {alpha = 0.05} = {}): TrendResult {
  if (points.length < 3) throw new Error(`A trend test needs at least three points (got ${points.length})`);
  const pairs = points.map((p) => [p.x, p.y]);
  const {m: slope, b: intercept} = linearRegression(pairs);
  const line = linearRegressionLine({m: slope, b: intercept});
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sse = points.reduce((s, p) => s + (p.y - line(p.x)) ** 2, 0);
  const df = n - 2;
  const standardError = Math.sqrt(sse / df / sxx);
  const t = standardError === 0 ? (slope === 0 ? 0 : Infinity) : slope / standardError;
  const pValue = Number.isFinite(t) ? 2 * (1 - studentTCdf(Math.abs(t), df)) : 0;
  const margin = studentTQuantile(1 - alpha / 2, df) * standardError;
  return {
    slope,
    intercept,
    rSquared: rSquared(pairs, line),
    n,
    standardError,
    t,
    df,
    pValue,
    ci: [slope - margin, slope + margin]
  };
}
