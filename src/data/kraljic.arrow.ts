// Each customer's Kraljic placement per year (profit impact × supply risk, quadrant, approach, revenue): the
// Kraljic page's rows when a year before the latest is chosen.
import {kraljicRows} from "../../loaders/reports/kraljic.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => kraljicRows(db));
