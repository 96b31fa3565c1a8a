/**
 * Data-driven segments: k-means on standardised customer features (z-scores), with a seeded k-means++ start
 * so that a page shows the same segments every time, and a cross-tabulation against an existing scheme.
 */
import {seededRandom} from "./random.js";

export interface Standardized {
  matrix: number[][];
  means: number[];
  sds: number[];
}

/** z-scores of the chosen numeric features (a feature with zero spread gets sd 1). */
export function standardize(rows: readonly Record<string, unknown>[], features: readonly string[]): Standardized {
  const columns = features.map((f) => rows.map((r) => Number(r[f])));
  for (const [i, column] of columns.entries()) {
    if (column.some((v) => !Number.isFinite(v)))
      throw new Error(`Feature "${features[i]}" has missing or non-numeric values`);
  }
  const means = columns.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
  const sds = columns.map(
    (c, i) => Math.sqrt(c.reduce((s, v) => s + (v - means[i]) ** 2, 0) / Math.max(1, c.length - 1)) || 1
  );
  const matrix = rows.map((_, r) => columns.map((c, i) => (c[r] - means[i]) / sds[i]));
  return {matrix, means, sds};
}

export interface KmeansResult {
  assignments: number[];
  /** Centroids in the features' original units. */
  centroids: number[][];
  sizes: number[];
  withinSS: number;
}

/**
 * @example kmeansSegments(customers, {features: ["revenue_12m", "orders_12m"], k: 3})
 * @throws Error when there are fewer rows than clusters
 */
export function kmeansSegments(
  rows: readonly Record<string, unknown>[],
  {
    features,
    k,
    seed = 1,
    maxIterations = 100
  }: {features: readonly string[]; k: number; seed?: number; maxIterations?: number}
): KmeansResult {
  if (rows.length < k) throw new Error(`k-means needs at least k = ${k} rows (got ${rows.length})`);
  const {matrix, means, sds} = standardize(rows, features);
  const random = seededRandom(seed);
  const distance = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
  // k-means++: the first centre at random, the next with probability proportional to squared distance.
  const centres = [matrix[Math.floor(random() * matrix.length)]];
  while (centres.length < k) {
    const weights = matrix.map((p) => Math.min(...centres.map((c) => distance(p, c))));
    const total = weights.reduce((s, w) => s + w, 0);
    let pick = random() * total;
    const index = weights.findIndex((w) => (pick -= w) <= 0);
    centres.push(matrix[index < 0 ? matrix.length - 1 : index]);
  }
  let assignments = new Array<number>(matrix.length).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = matrix.map((p) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (distance(p, centres[c]) < distance(p, centres[best])) best = c;
      return best;
    });
    const changed = next.some((a, i) => a !== assignments[i]);
    assignments = next;
    for (let c = 0; c < k; c++) {
      const members = matrix.filter((_, i) => assignments[i] === c);
      if (members.length) centres[c] = members[0].map((_, j) => members.reduce((s, m) => s + m[j], 0) / members.length);
    }
    if (!changed) break;
  }
  const sizes = Array.from({length: k}, (_, c) => assignments.filter((a) => a === c).length);
  const withinSS = matrix.reduce((s, p, i) => s + distance(p, centres[assignments[i]]), 0);
  const centroids = centres.map((c) => c.map((z, j) => z * sds[j] + means[j]));
  return {assignments, centroids, sizes, withinSS};
}

/** Counts of each (a, b) label pair: rows = labels of A, columns = labels of B. */
export function crossTabulate(
  labelsA: readonly string[],
  labelsB: readonly string[]
): {rows: string[]; columns: string[]; counts: number[][]; total: number} {
  if (labelsA.length !== labelsB.length) throw new Error("Both label lists must have the same length");
  const rows = [...new Set(labelsA)].sort();
  const columns = [...new Set(labelsB)].sort();
  const counts = rows.map(() => columns.map(() => 0));
  labelsA.forEach((a, i) => counts[rows.indexOf(a)][columns.indexOf(labelsB[i])]++);
  return {rows, columns, counts, total: labelsA.length};
}
