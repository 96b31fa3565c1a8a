// The segment schemes with descriptions and segment display order (fixes each segment's colour).
import {schemeList} from "../../loaders/reports/segments.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => schemeList(db));
