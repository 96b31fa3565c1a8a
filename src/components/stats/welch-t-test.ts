/**
 * Welch's two-sample t-test (unequal variances), with the confidence interval of the difference in means and
 * effect sizes. https://en.wikipedia.org/wiki/Welch%27s_t-test
 */
import {mean, sampleVariance} from "simple-statistics";
import {studentTCdf, studentTQuantile} from "./student-t.js";

export interface WelchResult {
  n1: number;
  n2: number;
  mean1: number;
  mean2: number;
  /** mean1 − mean2 */
  difference: number;
  t: number;
  df: number;
  /** Two-sided. */
  pValue: number;
  /** Confidence interval of mean1 − mean2 at 1 − alpha. */
  ci: [number, number];
  /** Cohen's d with the pooled standard deviation. */
  cohensD: number;
  /** Hedges' g: d corrected for small-sample bias. */
  hedgesG: number;
  warnings: string[];
}

/** Groups smaller than this get a warning: the t approximation and the effect size are shaky. */
export const SMALL_SAMPLE = 10;

/**
 * @example welchTTest(sleep1, sleep2) // {t: −1.8608, df: 17.776, pValue: 0.07939, ci: [−3.3655, 0.2055], …} (R: t.test)
 * @throws Error when a group has fewer than two values
 */
export function welchTTest(a: readonly number[], b: readonly number[], {alpha = 0.05} = {}): WelchResult {
  if (a.length < 2 || b.length < 2)
    throw new Error(`Welch's t-test needs at least two values in each group (got ${a.length} and ${b.length})`);
  const warnings: string[] = [];
  const [n1, n2] = [a.length, b.length];
  const [mean1, mean2] = [mean([...a]), mean([...b])];
  const [v1, v2] = [sampleVariance([...a]), sampleVariance([...b])];
  if (n1 < SMALL_SAMPLE || n2 < SMALL_SAMPLE)
    warnings.push(`Small sample (n = ${n1} and ${n2}): treat the result as indicative.`);
  if (v1 === 0 && v2 === 0) {
    warnings.push("Both groups have zero variance: the test is undefined.");
    return {
      n1,
      n2,
      mean1,
      mean2,
      difference: mean1 - mean2,
      t: NaN,
      df: NaN,
      pValue: NaN,
      ci: [NaN, NaN],
      cohensD: NaN,
      hedgesG: NaN,
      warnings
    };
  }
  const se = Math.sqrt(v1 / n1 + v2 / n2);
  const t = (mean1 - mean2) / se;
  const df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1));
  const pValue = 2 * (1 - studentTCdf(Math.abs(t), df));
  const margin = studentTQuantile(1 - alpha / 2, df) * se;
  const pooled = Math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2));
  const cohensD = (mean1 - mean2) / pooled;
  const hedgesG = cohensD * (1 - 3 / (4 * (n1 + n2) - 9));
  return {
    n1,
    n2,
    mean1,
    mean2,
    difference: mean1 - mean2,
    t,
    df,
    pValue,
    ci: [mean1 - mean2 - margin, mean1 - mean2 + margin],
    cohensD,
    hedgesG,
    warnings
  };
}
