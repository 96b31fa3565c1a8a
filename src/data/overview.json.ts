// Overview figures per year and customer type (catalogue vs private label), from the warehouse.
import {overviewRows} from "../../loaders/reports/overview.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db, warehouse) => overviewRows(db, warehouse.settings));
