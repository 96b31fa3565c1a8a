// Observable Framework configuration.
// The Content-Security-Policy allows only this site's own origin. 'unsafe-eval' is needed because Arquero
// compiles its table expressions to functions; 'wasm-unsafe-eval' because duckdb-wasm compiles its engine. Offline by construction: no global stylesheet from a font host,
// no implicit CDN builtins (pages import everything from node_modules), no telemetry (set in npm scripts).
export default {
  title: "Segmentera",
  root: "src",
  output: process.env.SEGMENTERA_DIST ?? "dist",
  globalStylesheets: [],
  style: "style.css",
  head: "<link rel=\"icon\" href=\"data:,\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self'\">",
  footer: "Segmentera — customer segmentation for B2B sellers. Figures from the loaded extracts; see Data quality.",
  pager: false,
  toc: false,
  search: false,
  sidebar: true,
  pages: [
    {name: "Overview", path: "/"},
    {
      name: "Reports",
      open: true,
      pages: [
        {name: "Segments over time", path: "/segments"},
        {name: "Catalogue customers", path: "/catalogue"},
        {name: "Private-label accounts", path: "/accounts"},
        {name: "Kraljic matrix", path: "/kraljic"},
        {name: "Migration", path: "/migration"},
        {name: "Profitability", path: "/profitability"},
        {name: "Management report (print)", path: "/report"}
      ]
    },
    {name: "Sales meeting (slides)", path: "/meeting"},
    {
      name: "Analysis",
      open: true,
      pages: [
        {name: "Explore (SQL)", path: "/explore"},
        {name: "Fashion vs basic profitability", path: "/analyses/fashion-vs-basic"},
        {name: "Private-label share trend", path: "/analyses/private-label-trend"}
      ]
    },
    {name: "Data quality", path: "/data-quality"}
  ]
};
