// The headline period (the latest year, labelled with its span when it is not over) and its like-for-like
// comparison, for the Overview, the management report and the analyses.
import {headline} from "../../loaders/reports/headline.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db, warehouse) => headline(db, warehouse.settings));
