// Segment summary per scheme × segment × period (year, fiscal year, season, quarter), as Arrow for Arquero.
import {segmentSummary} from "../../loaders/reports/segments.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => segmentSummary(db));
