// The Vega parts vl-render uses, bundled into one module, vega.js, by loaders/site/vendor.ts (which reads these
// lines as its entry: keep them plain re-exports). One file instead of the ~60 modules Framework would serve for
// these packages makes a page's first chart appear sooner.
export {expressionFunction, formatLocale, parse, View, Warn} from "vega";
export {expressionInterpreter} from "vega-interpreter";
export {compile} from "vega-lite";
export {Handler} from "vega-tooltip";
