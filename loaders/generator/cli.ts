/**
 * `npm run sample [-- dir]`: (re)generate the sample extracts, default into data/sample. SEGMENTERA_SCALE
 * multiplies the number of customers.
 */
import {join} from "node:path";
import {createLogger} from "../log.js";
import {PROJECT_ROOT} from "../warehouse.js";
import {generateSample} from "./index.js";

const dir = process.argv[2] ?? join(PROJECT_ROOT, "data", "sample");
const log = createLogger("sample");
const started = performance.now();
const stats = await generateSample(dir, {}, log);
log.info(
  `${stats.customers} customers, ${stats.articles} articles, ${stats.salesLines} sales lines, ${stats.orders} orders, ` +
    `${stats.costEvents} cost events, ${stats.profiles} account profiles, ${(stats.bytes / 1e6).toFixed(1)} MB ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s → ${dir}`
);
