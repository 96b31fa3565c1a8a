/**
 * `npm run warehouse`: load the extracts and run the engine once, with progress and the reconciliation
 * summary, before Framework's loaders read the result. Exits 1 with one clear message when the extracts
 * can't be loaded (a missing file, an unknown column, too much rejected revenue…).
 */
import {ExtractError} from "./extract/index.js";
import {createLogger} from "./log.js";
import {buildWarehouse, datasetDir, invalidateSiteCache} from "./warehouse.js";

const log = createLogger();
const start = performance.now();
try {
  const warehouse = await buildWarehouse(datasetDir(), log);
  process.stderr.write(`\n${warehouse.report.summary}\n`);
  if (await invalidateSiteCache(warehouse)) log.info("figures changed: cleared Framework's loader cache");
  log.info(`warehouse ready in ${((performance.now() - start) / 1000).toFixed(1)} s: ${warehouse.path}`);
} catch (error) {
  if (!(error instanceof ExtractError)) throw error;
  process.stderr.write(`\nSegmentera could not load the extracts:\n${error.message}\n`);
  process.exit(1);
}
