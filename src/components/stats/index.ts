/**
 * Statistics for analyst pages (browser and Node): typed, documented, tested against published values.
 * See README.md in this folder for one-line examples.
 */
export {compareSegments, type CompareOptions, type Comparison} from "./compare-segments.js";
export {classify, naturalBreaks} from "./natural-breaks.js";
export {crossTabulate, kmeansSegments, standardize, type KmeansResult} from "./kmeans.js";
export {gini, lorenzCurve} from "./lorenz.js";
export {linearTrend, type TrendResult} from "./linear-trend.js";
export {permutationTest, type PermutationResult} from "./permutation-test.js";
export {studentTCdf, studentTQuantile} from "./student-t.js";
export {welchTTest, type WelchResult} from "./welch-t-test.js";
