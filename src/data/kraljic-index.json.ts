// What the Kraljic page offers before it loads a year's placements: the years, customer types and approaches.
import {kraljicIndex} from "../../loaders/reports/kraljic.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => kraljicIndex(db));
