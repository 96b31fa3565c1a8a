// The Profitability page's data for the latest two years only (cost to serve every year's): what the report and
// the sales meeting draw.
import {profitability} from "../../loaders/reports/profitability.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => profitability(db, {latestYears: 2}));
