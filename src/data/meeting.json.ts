// "Since last meeting": movers, new and lost customers, gainers and decliners, stale profiles, per meeting grain.
import {meeting} from "../../loaders/reports/meeting.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db, warehouse) => meeting(db, warehouse.settings));
