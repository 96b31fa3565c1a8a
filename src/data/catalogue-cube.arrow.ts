// Catalogue customers per year by macro segment, organisation type, region and sales rep: the Catalogue page,
// fetched when a year other than the latest is chosen.
import {catalogueCube} from "../../loaders/reports/catalogue.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => catalogueCube(db));
