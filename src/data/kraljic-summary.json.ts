// The Kraljic matrix of the latest two years without a row per customer: what the report (the latest year and
// the moves into it) and the sales meeting (the latest year) draw, the same size at any number of customers.
import {kraljicSummary} from "../../loaders/reports/kraljic.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => kraljicSummary(db, {latestYears: 2}));
