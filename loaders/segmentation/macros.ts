/**
 * SQL the engine needs in more than one place, defined once as DuckDB macros. They are stored in the warehouse,
 * so that its views (kraljic_category) and an analyst's queries can use them too. Definitions: docs/domain.md.
 */
import type {Database} from "../duckdb.js";

const MACROS = [
  // Quintile of a rank among n (1 = lowest): floor((rank − 1) × 5 ÷ n) + 1 bins ranks into five equal groups;
  // ties are broken by the rank's own ordering (e.g. by customer id), never shared.
  `CREATE OR REPLACE MACRO quintile(pos, n) AS (floor((pos - 1) * 5 / n) + 1)::INTEGER`,
  // Kraljic's quadrant from profit impact and supply risk (0–1), each cut at `cut`.
  `CREATE OR REPLACE MACRO kraljic_quadrant(impact, risk, cut) AS
     CASE WHEN impact >= cut AND risk >= cut THEN 'strategic'
          WHEN impact >= cut THEN 'leverage'
          WHEN risk >= cut THEN 'bottleneck'
          ELSE 'routine' END`
];

export async function createMacros(db: Database): Promise<void> {
  for (const sql of MACROS) await db.run(sql);
}
