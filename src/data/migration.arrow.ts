// Segment-to-segment flows between consecutive periods (with new and lost), per scheme and grain.
import {migrationRows} from "../../loaders/reports/migration.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => migrationRows(db));
