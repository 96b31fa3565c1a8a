// The value scheme's (ABC's) segment summary in the grains the sales meeting offers: what its ABC slide draws.
import {MEETING_GRAINS} from "../../loaders/reports/meeting.js";
import {segmentSummary} from "../../loaders/reports/segments.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => segmentSummary(db, {grains: MEETING_GRAINS, role: "value"}));
