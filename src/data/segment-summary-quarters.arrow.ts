// Segment sizes, revenue and profit per quarter, every scheme: the Segments page's rows when that grain is chosen.
import {segmentSummary} from "../../loaders/reports/segments.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => segmentSummary(db, {grains: ["quarter"]}));
