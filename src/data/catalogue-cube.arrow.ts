// Catalogue customers per year by macro segment, organisation type, region and sales rep: the Catalogue page.
import {catalogueCube} from "../../loaders/reports/catalogue.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => catalogueCube(db));
