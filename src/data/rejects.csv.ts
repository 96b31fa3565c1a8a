// Every rejected row with its file, line, column, value and rule: the Data quality page's download.
import {csvFormat} from "d3-dsv";
import {allRejects} from "../../loaders/reports/data-quality.js";
import {runLoader} from "../../loaders/warehouse.js";

await runLoader(async (db) => {
  process.stdout.write(csvFormat((await allRejects(db)) as Record<string, string>[]));
});
