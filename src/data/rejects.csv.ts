// Every rejected row with its file, line, column, value and rule (personal values withheld, cells made
// spreadsheet-safe): the Data quality page's download.
import {toCsv} from "../components/csv.js";
import {allRejects} from "../../loaders/reports/data-quality.js";
import {runLoader} from "../../loaders/warehouse.js";

await runLoader(async (db) => {
  process.stdout.write(toCsv(await allRejects(db)));
});
