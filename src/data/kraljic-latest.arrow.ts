// Each customer's Kraljic placement in the latest two years: the year the Kraljic page opens on and the year
// before it, for the moves (other years: kraljic.arrow, fetched when chosen).
import {kraljicRows} from "../../loaders/reports/kraljic.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => kraljicRows(db, {latestYears: 2}));
