// The customer dimension (no names unless published) for the Explore page's SQL.
import {exploreCustomers} from "../../loaders/reports/explore.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => exploreCustomers(db));
