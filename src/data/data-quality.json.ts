// Reconciliation per extract file, rejects per rule, the first rejects and the load's notes, for the Data quality page.
import {dataQuality} from "../../loaders/reports/data-quality.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db, warehouse) => dataQuality(db, warehouse.report));
