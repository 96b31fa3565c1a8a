/**
 * The Migration page's data: customers and revenue moving between segments from one period to the next,
 * with the 'new' and 'lost' states, per scheme, for the year, season and quarter grains.
 */
import type {Database} from "../duckdb.js";
import type {SchemeRole} from "../segmentation/schemes.js";
import type {FlowRow} from "../../src/components/charts/transition-matrix.js";

const MIGRATION_SQL = `
SELECT
  m.scheme,
  m.grain,
  m.period_from,
  m.period_to,
  p.label AS period_label,
  p.ord::INTEGER AS period_ord,
  m.segment_from,
  m.segment_to,
  m.customers::INTEGER AS customers,
  m.revenue_from::DOUBLE AS revenue_from,
  m.revenue_to::DOUBLE AS revenue_to
FROM migration AS m
JOIN periods AS p ON p.grain = m.grain AND p.period = m.period_to
WHERE m.grain IN ('year', 'season', 'quarter')
  AND ($grain::VARCHAR IS NULL OR m.grain = $grain::VARCHAR)
  AND ($role::VARCHAR IS NULL OR m.scheme = (SELECT scheme FROM schemes WHERE role = $role::VARCHAR))
ORDER BY m.scheme, m.grain, p.ord, m.segment_from, m.segment_to`;

/** A flow of the migration matrix (the chart's FlowRow), with its scheme and step. */
export interface MigrationRow extends FlowRow {
  scheme: string;
  grain: string;
  period_from: string;
  period_to: string;
  period_label: string;
  period_ord: number;
}

/** The flows of every scheme and grain, or of the scheme with a role, in one grain. */
export async function migrationRows(
  db: Database,
  {role, grain}: {role?: SchemeRole; grain?: string} = {}
): Promise<MigrationRow[]> {
  return db.query<MigrationRow>(MIGRATION_SQL, {role: role ?? null, grain: grain ?? null});
}

/**
 * Which grains each scheme has flows in (the page offers only those), as {scheme: [grain, …]}: the page's index
 * of its per-grain files.
 */
export async function migrationGrains(db: Database): Promise<Record<string, string[]>> {
  const rows = await db.query<{scheme: string; grains: string}>(
    `SELECT scheme, to_json(list(DISTINCT grain ORDER BY grain))::VARCHAR AS grains
     FROM migration WHERE grain IN ('year', 'season', 'quarter')
     GROUP BY scheme ORDER BY scheme`
  );
  return Object.fromEntries(rows.map((r) => [r.scheme, JSON.parse(r.grains)]));
}
