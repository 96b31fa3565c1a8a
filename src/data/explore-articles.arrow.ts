// The article dimension for the Explore page's SQL.
import {exploreArticles} from "../../loaders/reports/explore.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => exploreArticles(db));
