// The grains each scheme has flows in, {scheme: [grain, …]}: what the Migration page offers.
import {migrationGrains} from "../../loaders/reports/migration.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => migrationGrains(db));
