/**
 * The Data quality page's data: the reconciliation of every extract file (rows read = accepted + rejected +
 * filtered, revenue read and accepted), rejects counted by rule, the first rejects for the table, and the load's notes.
 */
import type {Database} from "../duckdb.js";
import type {LoadReport} from "../extract/index.js";

/** How many rejects the page shows inline; all of them are in the downloadable rejects.csv. */
export const REJECTS_SHOWN = 500;

const FILES_SQL = `
SELECT
  "table" AS table_name,
  file,
  rows_read::BIGINT AS rows_read,
  rows_accepted::BIGINT AS rows_accepted,
  rows_rejected::BIGINT AS rows_rejected,
  rows_filtered::BIGINT AS rows_filtered,
  revenue_read::DOUBLE AS revenue_read,
  revenue_accepted::DOUBLE AS revenue_accepted,
  revenue_rejected::DOUBLE AS revenue_rejected,
  -- rejected lines whose amount could not be read: their revenue is unknown, not zero
  lines_unknown_amount::BIGINT AS lines_unknown_amount,
  -- the reconciliation every load must satisfy
  rows_read = rows_accepted + rows_rejected + rows_filtered AS reconciles
FROM load_files
ORDER BY file`;

const RULES_SQL = `
SELECT
  table_name,
  rule,
  count(*)::BIGINT AS rows,
  coalesce(sum(net_amount), 0)::DOUBLE AS revenue
FROM published_rejects
GROUP BY ALL
ORDER BY rows DESC, rule`;

const REJECTS_SQL = `
SELECT
  table_name,
  file,
  line::BIGINT AS line,
  column_name,
  value,
  rule,
  message,
  net_amount::DOUBLE AS net_amount
FROM published_rejects
ORDER BY file, line, column_name
LIMIT $limit`;

/**
 * `report`: the load's own report, whose notes say what the load decided or could not read beyond the rejects:
 * tables derived from the sales lines, a discount read as a fraction, costs of goods too large to hold.
 */
export async function dataQuality(db: Database, report: Pick<LoadReport, "derived" | "notes">) {
  const files = await db.query(FILES_SQL);
  const rules = await db.query(RULES_SQL);
  const rejects = await db.query(REJECTS_SQL, {limit: REJECTS_SHOWN});
  return {files, rules, rejects, shown: REJECTS_SHOWN, notes: [...report.derived, ...report.notes]};
}

/** Every reject, for the CSV download. */
export async function allRejects(db: Database) {
  return db.query(REJECTS_SQL.replace("LIMIT $limit", ""));
}
