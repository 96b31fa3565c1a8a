// Segment membership per scheme and year for the Explore page's SQL.
import {exploreMembership} from "../../loaders/reports/explore.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => exploreMembership(db));
