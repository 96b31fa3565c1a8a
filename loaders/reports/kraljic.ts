/**
 * The Kraljic page's data: every customer placed on profit impact × supply risk (as the buyer would see us),
 * with its quadrant, the sales override if any, and the year's revenue, for the year grain.
 */
import type {Database} from "../duckdb.js";
import type {KraljicPoint} from "../../src/components/charts/kraljic-matrix.js";
import {schemeWithRole} from "../segmentation/schemes.js";

const KRALJIC_SQL = `
SELECT
  k.period,
  k.customer_id,
  coalesce(c.customer, k.customer_id) AS customer,
  coalesce(c.customer_type, t.segment, 'unknown') AS customer_type,
  k.profit_impact::DOUBLE AS profit_impact,
  k.supply_risk::DOUBLE AS supply_risk,
  k.quadrant,
  k.override,
  k.approach,
  coalesce(f.revenue, 0)::DOUBLE AS revenue,
  coalesce(f.net_contribution, 0)::DOUBLE AS net_contribution
FROM kraljic AS k
LEFT JOIN published_customers AS c USING (customer_id)
LEFT JOIN segment_membership AS t
  ON t.scheme = ${schemeWithRole("customer_type")} AND t.grain = k.grain AND t.period = k.period AND t.customer_id = k.customer_id
LEFT JOIN customer_period AS f
  ON f.grain = k.grain AND f.period = k.period AND f.customer_id = k.customer_id
WHERE k.grain = 'year'
  -- all years, or the latest n
  AND ($latest::INTEGER IS NULL OR k.period IN (
    SELECT period FROM periods WHERE grain = 'year' ORDER BY ord DESC LIMIT coalesce($latest::INTEGER, 0)))
ORDER BY k.period, revenue DESC`;

/** A customer on the Kraljic matrix (the chart's KraljicPoint), with its year, approach and net contribution. */
export interface KraljicRow extends KraljicPoint {
  period: string;
  customer_id: string;
  approach: string;
  net_contribution: number;
}

/** Every customer's placement, each year or in the latest `latestYears` years. */
export async function kraljicRows(db: Database, {latestYears}: {latestYears?: number} = {}): Promise<KraljicRow[]> {
  return db.query<KraljicRow>(KRALJIC_SQL, {latest: latestYears ?? null});
}
