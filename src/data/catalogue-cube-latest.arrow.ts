// The Catalogue page's cube for its latest year, the year the page opens on (other years: catalogue-cube.arrow).
import {catalogueCube} from "../../loaders/reports/catalogue.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => catalogueCube(db, {latestOnly: true}));
