// Reconciliation per extract file, rejects per rule, and the first rejects, for the Data quality page.
import {dataQuality} from "../../loaders/reports/data-quality.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => dataQuality(db));
