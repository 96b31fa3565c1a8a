/**
 * The statistics module against published values: R's pt/qt and t.test on the classic sleep data, a
 * regression worked by hand, textbook Gini values, and obvious clusters.
 */
import {describe, expect, it} from "vitest";
import {
  classify,
  compareSegments,
  crossTabulate,
  gini,
  kmeansSegments,
  linearTrend,
  lorenzCurve,
  naturalBreaks,
  permutationTest,
  studentTCdf,
  studentTQuantile,
  welchTTest
} from "../../src/components/stats/index.js";

// R: sleep data, extra by group (Student 1908).
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("studentTCdf and studentTQuantile", () => {
  it("match R's pt and qt", () => {
    expect(studentTCdf(2, 10)).toBeCloseTo(0.963306, 6); // pt(2, 10)
    expect(studentTCdf(-1.5, 3.7)).toBeCloseTo(0.1071, 3); // pt(-1.5, 3.7) = 0.1070934
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5); // qt(0.975, 10)
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570582, 5); // qt(0.975, 5)
  });

  it("throws on non-positive degrees of freedom", () => {
    expect(() => studentTCdf(1, 0)).toThrow(/degrees of freedom/);
  });
});

describe("welchTTest", () => {
  it("matches R's t.test(extra ~ group, data = sleep)", () => {
    const r = welchTTest(sleep1, sleep2);
    expect(r.t).toBeCloseTo(-1.860813, 5);
    expect(r.df).toBeCloseTo(17.77647, 4);
    expect(r.pValue).toBeCloseTo(0.07939414, 6);
    expect(r.ci[0]).toBeCloseTo(-3.3654832, 5);
    expect(r.ci[1]).toBeCloseTo(0.2054832, 5);
    expect(r.mean1).toBeCloseTo(0.75, 12);
    expect(r.mean2).toBeCloseTo(2.33, 12);
    expect(r.warnings).toEqual([]);
  });

  it("computes Cohen's d with the pooled standard deviation", () => {
    // Σ(x − x̄)² = 28.805 and 36.081; pooled sd = sqrt(64.886 / 18) = 1.898625; d = −1.58 / 1.898625
    expect(welchTTest(sleep1, sleep2).cohensD).toBeCloseTo(-0.832181, 5);
  });

  it("warns on small samples and refuses a group of one", () => {
    expect(welchTTest([1, 2, 3], [4, 5, 7]).warnings[0]).toMatch(/Small sample/);
    expect(() => welchTTest([1], [2, 3])).toThrow(/at least two values/);
  });
});

describe("permutationTest", () => {
  it("is deterministic for a seed and agrees with Welch on the sleep data", () => {
    const a = permutationTest(sleep1, sleep2, {iterations: 20000, seed: 42});
    const b = permutationTest(sleep1, sleep2, {iterations: 20000, seed: 42});
    expect(a).toEqual(b);
    expect(a.observed).toBeCloseTo(-1.58, 12);
    expect(a.pValue).toBeGreaterThan(0.05);
    expect(a.pValue).toBeLessThan(0.11);
  });

  it("finds an obvious difference", () => {
    expect(permutationTest([1, 2, 3, 4, 5, 6], [11, 12, 13, 14, 15, 16], {iterations: 5000}).pValue).toBeLessThan(0.01);
  });
});

describe("compareSegments", () => {
  it("summarises both tests in a sentence", () => {
    const c = compareSegments(sleep2, sleep1, {
      labels: ["Drug 2", "drug 1"],
      metric: "extra sleep",
      locale: "en-GB",
      iterations: 2000
    });
    expect(c.significant).toBe(false);
    expect(c.summary).toMatch(/^Drug 2 \(n = 10\) have 1\.58 more extra sleep on average than drug 1 \(n = 10\)/);
    expect(c.summary).toMatch(/not significant at the 5 % level/);
  });
});

describe("linearTrend", () => {
  it("fits y = 2x + 1 with noise worked by hand", () => {
    // x 1..5, y 3.1, 4.9, 7.2, 8.8, 11.0: Sxx = 10, Sxy = 19.7 → slope 1.97, intercept 7.0 − 1.97·3 = 1.09;
    // residuals 0.04, −0.13, 0.20, −0.17, 0.06 → SSE 0.091, SE(slope) = sqrt(0.091/3/10) = 0.055076.
    const r = linearTrend([3.1, 4.9, 7.2, 8.8, 11.0].map((y, i) => ({x: i + 1, y})));
    expect(r.slope).toBeCloseTo(1.97, 10);
    expect(r.intercept).toBeCloseTo(1.09, 10);
    expect(r.standardError).toBeCloseTo(0.055076, 5);
    expect(r.t).toBeCloseTo(35.769, 2);
    expect(r.df).toBe(3);
    expect(r.pValue).toBeLessThan(0.0001);
    expect(r.rSquared).toBeCloseTo(1 - 0.091 / 38.9, 6); // SST = Σ(y − 7)² = 38.9
  });

  it("needs three points", () => {
    expect(() =>
      linearTrend([
        {x: 1, y: 1},
        {x: 2, y: 2}
      ])
    ).toThrow(/three points/);
  });
});

describe("gini and lorenzCurve", () => {
  it("gives textbook values", () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    expect(gini([0, 0, 0, 1], {corrected: true})).toBeCloseTo(1, 12);
    expect(gini([100, 100, 400, 500, 2000, 5000])).toBeCloseTo(0.623457, 6);
    expect(() => gini([])).toThrow(/at least one/);
  });

  it("starts at the origin and ends at (1, 1)", () => {
    expect(lorenzCurve([3, 1])).toEqual({x: [0, 0.5, 1], y: [0, 0.25, 1]});
  });
});

describe("naturalBreaks", () => {
  it("separates clear groups", () => {
    const {breaks, classes} = naturalBreaks([1, 2, 3, 50, 51, 52, 1000, 1001], 3);
    expect(breaks).toEqual([3, 52]);
    expect(classes).toEqual([
      [1, 2, 3],
      [50, 51, 52],
      [1000, 1001]
    ]);
    expect([0, 3, 4, 52, 53, 5000].map((v) => classify(v, breaks))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe("kmeansSegments and crossTabulate", () => {
  it("finds two obvious blobs and cross-tabulates them against a scheme", () => {
    const rows = [
      ...[1, 2, 3, 4, 5].map((i) => ({revenue: 100 + i, orders: 2 + (i % 2), scheme: "small"})),
      ...[1, 2, 3, 4, 5].map((i) => ({revenue: 10000 + i * 10, orders: 40 + i, scheme: "large"}))
    ];
    const result = kmeansSegments(rows, {features: ["revenue", "orders"], k: 2, seed: 7});
    expect([...result.sizes].sort()).toEqual([5, 5]);
    expect(new Set(result.assignments.slice(0, 5)).size).toBe(1);
    expect(result.assignments[0]).not.toBe(result.assignments[9]);
    const table = crossTabulate(
      rows.map((r) => r.scheme),
      result.assignments.map(String)
    );
    expect(table.total).toBe(10);
    expect(table.counts.flat().sort((a, b) => a - b)).toEqual([0, 0, 5, 5]);
    const big = result.centroids.find((c) => c[0] > 5000)!;
    expect(big[0]).toBeCloseTo(10030, 6);
  });
});
