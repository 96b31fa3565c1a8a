/**
 * The Kraljic page's data: every customer placed on profit impact × supply risk (as the buyer would see us),
 * with its quadrant, the sales override if any, and the year's revenue, for the year grain.
 */
import type {Database} from "../duckdb.js";
import type {KraljicCell, KraljicPoint} from "../../src/components/charts/kraljic-matrix.js";
import type {KraljicSpread} from "../../src/components/notices.js";
import {schemeWithRole} from "../segmentation/schemes.js";
import {inLatestYears} from "./years.js";

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
  coalesce(f.revenue, 0)::DOUBLE AS revenue
FROM kraljic AS k
LEFT JOIN published_customers AS c USING (customer_id)
LEFT JOIN segment_membership AS t
  ON t.scheme = ${schemeWithRole("customer_type")} AND t.grain = k.grain AND t.period = k.period AND t.customer_id = k.customer_id
LEFT JOIN customer_period AS f
  ON f.grain = k.grain AND f.period = k.period AND f.customer_id = k.customer_id
WHERE k.grain = 'year'
  -- all years, or the latest n
  AND ${inLatestYears("k.period", "$latest::INTEGER")}
ORDER BY k.period, revenue DESC`;

/** A customer on the Kraljic matrix (the chart's KraljicPoint), with its year and approach. */
export interface KraljicRow extends KraljicPoint {
  period: string;
  customer_id: string;
  approach: string;
}

/** Every customer's placement, each year or in the latest `latestYears` years. */
export async function kraljicRows(db: Database, {latestYears}: {latestYears?: number} = {}): Promise<KraljicRow[]> {
  return db.query<KraljicRow>(KRALJIC_SQL, {latest: latestYears ?? null});
}

/**
 * What the Kraljic page offers before it loads a year's placements: the years placed, the customer types among
 * the placed, and each quadrant's approach (as its first placement in kraljicRows' order carries it).
 */
export interface KraljicIndex {
  years: string[];
  customer_types: string[];
  approaches: Record<string, string>;
}

export async function kraljicIndex(db: Database): Promise<KraljicIndex> {
  const rows = await kraljicRows(db);
  const approaches: Record<string, string> = {};
  for (const r of rows) if (!(r.quadrant in approaches)) approaches[r.quadrant] = r.approach;
  return {
    years: [...new Set(rows.map((r) => r.period))].sort(),
    customer_types: [...new Set(rows.map((r) => r.customer_type))].sort(),
    approaches
  };
}

/** The grid the report's and the meeting's matrix group customers on: 0.05 of a score. */
export const KRALJIC_GRID = 0.05;

const KRALJIC_CELLS_SQL = `
WITH placed AS (
  SELECT k.period, k.quadrant, k.override, k.profit_impact, k.supply_risk, coalesce(f.revenue, 0) AS revenue
  FROM kraljic AS k
  LEFT JOIN customer_period AS f
    ON f.grain = k.grain AND f.period = k.period AND f.customer_id = k.customer_id
  WHERE k.grain = 'year'
    AND ${inLatestYears("k.period", "$latest::INTEGER")}
)
SELECT
  period,
  quadrant,
  (round(profit_impact / $grid) * $grid)::DOUBLE AS profit_impact,
  (round(supply_risk / $grid) * $grid)::DOUBLE AS supply_risk,
  count(*)::INTEGER AS customers,
  count(override)::INTEGER AS overrides,
  sum(revenue)::DOUBLE AS revenue
FROM placed
GROUP BY ALL
ORDER BY period, quadrant, profit_impact, supply_risk`;

const KRALJIC_SPREAD_SQL = `
SELECT period, count(*)::INTEGER AS customers, min(supply_risk)::DOUBLE AS supply_risk_min, max(supply_risk)::DOUBLE AS supply_risk_max
FROM kraljic
WHERE grain = 'year' AND ${inLatestYears("period", "$latest::INTEGER")}
GROUP BY ALL
ORDER BY period`;

const KRALJIC_MOVES_SQL = `
SELECT a.period AS period_from, b.period AS period_to, a.quadrant AS quadrant_from, b.quadrant AS quadrant_to,
       count(*)::INTEGER AS customers
FROM kraljic AS a
JOIN periods AS pa ON pa.grain = a.grain AND pa.period = a.period
JOIN periods AS pb ON pb.grain = a.grain AND pb.ord = pa.ord + 1
JOIN kraljic AS b ON b.grain = a.grain AND b.period = pb.period AND b.customer_id = a.customer_id
WHERE a.grain = 'year'
  AND ${inLatestYears("pb.period", "$latest::INTEGER - 1")}
GROUP BY ALL
ORDER BY period_from, quadrant_from, quadrant_to`;

/** Customers of a quadrant whose scores round to one point of the grid (KRALJIC_GRID). */
export interface KraljicCellRow extends KraljicCell {
  period: string;
}

/** How many customers moved from one quadrant to another between two consecutive years. */
export interface KraljicMoveRow {
  period_from: string;
  period_to: string;
  quadrant_from: string;
  quadrant_to: string;
  customers: number;
}

/** The spread of a year's supply-risk scores (every customer alike: the matrix only ranks profit impact). */
export interface KraljicSpreadRow extends KraljicSpread {
  period: string;
}

/**
 * The Kraljic matrix of the latest `latestYears` years without a row per customer, for the report and the
 * meeting: customers grouped per quadrant on a grid of the two scores, the moves between consecutive years by
 * quadrant, and each year's supply-risk spread. Its size does not grow with the number of customers.
 */
export async function kraljicSummary(
  db: Database,
  {latestYears}: {latestYears: number}
): Promise<{cells: KraljicCellRow[]; moves: KraljicMoveRow[]; spread: KraljicSpreadRow[]}> {
  return {
    cells: await db.query<KraljicCellRow>(KRALJIC_CELLS_SQL, {latest: latestYears, grid: KRALJIC_GRID}),
    moves: await db.query<KraljicMoveRow>(KRALJIC_MOVES_SQL, {latest: latestYears}),
    spread: await db.query<KraljicSpreadRow>(KRALJIC_SPREAD_SQL, {latest: latestYears})
  };
}
