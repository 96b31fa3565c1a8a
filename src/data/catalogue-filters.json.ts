// What the Catalogue page's filters offer (years, organisation types, regions, sales reps), from its cube.
import {catalogueFilters} from "../../loaders/reports/catalogue.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => catalogueFilters(db));
