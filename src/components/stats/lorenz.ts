/**
 * The Lorenz curve and the Gini coefficient of a distribution (e.g. revenue per customer).
 * Negative values (net returns) are clamped to zero: concentration is about who buys, not who returns.
 */

/**
 * @example lorenzCurve([1, 3]) // {x: [0, 0.5, 1], y: [0, 0.25, 1]}
 */
export function lorenzCurve(values: readonly number[]): {x: number[]; y: number[]} {
  const sorted = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const x = [0];
  const y = [0];
  let cumulative = 0;
  sorted.forEach((v, i) => {
    cumulative += v;
    x.push((i + 1) / sorted.length);
    y.push(total ? cumulative / total : (i + 1) / sorted.length);
  });
  return {x, y};
}

/**
 * Gini (population formula): G = 2 Σ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n, values ascending. 0 = all equal;
 * (n − 1)/n = one holds everything. `{corrected: true}` multiplies by n/(n − 1) so that maximum is 1.
 * @example gini([0, 0, 0, 1]) // 0.75
 * @throws Error on an empty list
 */
export function gini(values: readonly number[], {corrected = false} = {}): number {
  if (!values.length) throw new Error("Gini needs at least one value");
  const sorted = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  const weighted = sorted.reduce((s, v, i) => s + (i + 1) * v, 0);
  const g = (2 * weighted) / (n * total) - (n + 1) / n;
  return corrected && n > 1 ? (g * n) / (n - 1) : g;
}
