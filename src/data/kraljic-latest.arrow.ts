// The Kraljic placements of the latest two years only: what the report (the latest year and the moves into it)
// and the sales meeting (the latest year) draw, without every year's customers.
import {kraljicRows} from "../../loaders/reports/kraljic.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => kraljicRows(db, {latestYears: 2}));
