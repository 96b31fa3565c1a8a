/**
 * Two-sided permutation test of the difference in means: shuffle the group labels and count how often the
 * shuffled difference is at least as extreme as the observed one. Assumption-free, a check on Welch's test.
 */
import {seededRandom} from "./random.js";

export interface PermutationResult {
  observed: number;
  /** (count + 1) / (iterations + 1), never zero. */
  pValue: number;
  iterations: number;
}

/**
 * @example permutationTest([1, 2, 3], [7, 8, 9], {iterations: 1000}) // {observed: −6, pValue: ≈ 0.1, …}
 * @throws Error when a group is empty
 */
export function permutationTest(
  a: readonly number[],
  b: readonly number[],
  {iterations = 10000, seed = 1} = {}
): PermutationResult {
  if (!a.length || !b.length) throw new Error("A permutation test needs values in both groups");
  const pooled = [...a, ...b];
  const meanOf = (values: number[], from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    return sum / (to - from);
  };
  const observed = meanOf(pooled, 0, a.length) - meanOf(pooled, a.length, pooled.length);
  const random = seededRandom(seed);
  let extreme = 0;
  for (let k = 0; k < iterations; k++) {
    for (let i = pooled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pooled[i], pooled[j]] = [pooled[j], pooled[i]];
    }
    const difference = meanOf(pooled, 0, a.length) - meanOf(pooled, a.length, pooled.length);
    if (Math.abs(difference) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return {observed, pValue: (extreme + 1) / (iterations + 1), iterations};
}
