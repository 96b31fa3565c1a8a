// Segment-to-segment flows between consecutive seasons (with new and lost), every scheme: the Migration page's
// rows when that grain is chosen.
import {migrationRows} from "../../loaders/reports/migration.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => migrationRows(db, {grain: "season"}));
