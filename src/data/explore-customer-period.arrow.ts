// Customer-period facts (year and season) for the Explore page's SQL.
import {exploreCustomerPeriod} from "../../loaders/reports/explore.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => exploreCustomerPeriod(db));
