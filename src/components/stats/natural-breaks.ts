/**
 * Natural breaks (Ckmeans, optimal 1-D k-means; Wang & Song 2011) to propose class boundaries, e.g. size
 * classes from employees or order-value classes.
 */
import {ckmeans} from "simple-statistics";

/**
 * @returns breaks: the upper bound of each class but the last; classes: the values of each class
 * @example naturalBreaks([1, 2, 3, 100, 101, 102], 2) // {breaks: [3], classes: [[1, 2, 3], [100, 101, 102]]}
 * @throws Error when k exceeds the number of distinct values
 */
export function naturalBreaks(values: readonly number[], k: number): {breaks: number[]; classes: number[][]} {
  const distinct = new Set(values).size;
  if (k < 1 || k > distinct) throw new Error(`Natural breaks needs 1 ≤ k ≤ ${distinct} distinct values (got k = ${k})`);
  const classes = ckmeans([...values], k);
  return {breaks: classes.slice(0, -1).map((c) => c[c.length - 1]), classes};
}

/** The class index (0-based) of a value given the upper bounds from naturalBreaks. */
export function classify(value: number, breaks: readonly number[]): number {
  const index = breaks.findIndex((upper) => value <= upper);
  return index < 0 ? breaks.length : index;
}
