// Whale curve per year and cost-to-serve per driver, year and customer type, for the Profitability page.
import {profitability} from "../../loaders/reports/profitability.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => profitability(db));
