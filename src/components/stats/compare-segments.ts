/**
 * Compare a metric between two segments: Welch's t-test and a permutation test, with a plain-language summary.
 */
import {permutationTest, type PermutationResult} from "./permutation-test.js";
import {welchTTest, type WelchResult} from "./welch-t-test.js";

export interface Comparison {
  welch: WelchResult;
  permutation: PermutationResult;
  significant: boolean;
  summary: string;
}

export interface CompareOptions {
  labels?: [string, string];
  metric?: string;
  alpha?: number;
  iterations?: number;
  seed?: number;
  locale?: string;
  currency?: string;
}

/**
 * @example compareSegments(fashion, basic, {labels: ["Fashion-heavy", "basic-heavy"], metric: "net contribution"}).summary
 */
export function compareSegments(a: readonly number[], b: readonly number[], options: CompareOptions = {}): Comparison {
  const {
    labels = ["Group A", "group B"],
    metric = "the metric",
    alpha = 0.05,
    iterations = 10000,
    seed = 1,
    locale = "sv-SE",
    currency
  } = options;
  const welch = welchTTest(a, b, {alpha});
  const permutation = permutationTest(a, b, {iterations, seed});
  const significant = welch.pValue < alpha && permutation.pValue < alpha;
  const amount = new Intl.NumberFormat(
    locale,
    currency ? {style: "currency", currency, maximumFractionDigits: 0} : {maximumFractionDigits: 2}
  );
  const number = new Intl.NumberFormat(locale, {maximumFractionDigits: 2});
  const p = (x: number) =>
    x < 0.001 ? "< 0,001".replace(",", locale.startsWith("sv") ? "," : ".") : number.format(Number(x.toPrecision(2)));
  const direction = welch.difference >= 0 ? "more" : "less";
  const summary =
    `${labels[0]} (n = ${welch.n1}) have ${amount.format(Math.abs(welch.difference))} ${direction} ${metric} on average than ${labels[1]} (n = ${welch.n2}) ` +
    `(Welch t = ${number.format(welch.t)}, df = ${number.format(welch.df)}, p = ${p(welch.pValue)}; permutation p = ${p(permutation.pValue)}; ` +
    `${Math.round((1 - alpha) * 100)} % CI ${amount.format(welch.ci[0])} to ${amount.format(welch.ci[1])}; Hedges' g = ${number.format(welch.hedgesG)}). ` +
    (significant
      ? `The difference is significant at the ${alpha * 100} % level.`
      : `The difference is not significant at the ${alpha * 100} % level.`) +
    (welch.warnings.length ? ` ${welch.warnings.join(" ")}` : "");
  return {welch, permutation, significant, summary};
}
