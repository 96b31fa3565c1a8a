// Year-to-year flows of the customer life-cycle scheme (RFM): the one migration the report draws.
import {migrationRows} from "../../loaders/reports/migration.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => migrationRows(db, {role: "lifecycle", grain: "year"}));
