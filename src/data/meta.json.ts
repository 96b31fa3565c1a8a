// Dataset name, locale/currency settings, date range and load totals, for every page.
import {meta} from "../../loaders/reports/meta.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader(meta);
