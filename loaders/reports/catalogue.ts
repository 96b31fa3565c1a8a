/**
 * The Catalogue page's cube: catalogue customers per year, counted and summed by every macro scheme's segment
 * and by the page's filters (organisation type, region, sales rep). The page filters and totals these rows in
 * the browser; it never loads a row per customer (the drill-down fetches those when a segment is opened).
 * Macro schemes are those of kind 'macro' in the `schemes` table: a scheme added there appears on the page.
 */
import type {Database} from "../duckdb.js";
import {NOT_CATALOGUE} from "../segmentation/schemes.js";

export interface CatalogueCubeRow {
  period: string;
  scheme: string;
  segment: string;
  org_type: string;
  region: string;
  sales_rep: string;
  customers: number;
  revenue: number;
  cost_to_serve: number;
  net_contribution: number;
}

// A macro scheme classifies every catalogue customer once and puts everyone else in its remainder segment.
const CUBE_SQL = `
WITH cube AS (
  SELECT
    m.period,
    m.scheme,
    m.segment,
    coalesce(c.org_type, 'unknown') AS org_type,
    coalesce(c.region, 'unknown') AS region,
    coalesce(c.sales_rep, 'unknown') AS sales_rep,
    count(*)::INTEGER AS customers,
    coalesce(sum(f.revenue), 0)::DOUBLE AS revenue,
    coalesce(sum(f.cost_to_serve), 0)::DOUBLE AS cost_to_serve,
    coalesce(sum(f.net_contribution), 0)::DOUBLE AS net_contribution
  FROM segment_membership AS m
  JOIN schemes AS s ON s.scheme = m.scheme AND s.kind = 'macro'
  LEFT JOIN customer_period AS f ON f.grain = 'year' AND f.period = m.period AND f.customer_id = m.customer_id
  LEFT JOIN published_customers AS c ON c.customer_id = m.customer_id
  WHERE m.grain = 'year' AND m.segment <> $not_catalogue
  GROUP BY ALL
)`;

/**
 * The cube's rows, or only those of its latest year (`latestOnly`: the year the page opens on; the others are
 * fetched when chosen).
 */
export async function catalogueCube(
  db: Database,
  {latestOnly = false}: {latestOnly?: boolean} = {}
): Promise<CatalogueCubeRow[]> {
  return db.query<CatalogueCubeRow>(
    `${CUBE_SQL}
     SELECT * FROM cube
     WHERE NOT $latest_only OR period = (SELECT max(period) FROM cube)
     ORDER BY period, scheme, segment, org_type, region, sales_rep`,
    {not_catalogue: NOT_CATALOGUE, latest_only: latestOnly}
  );
}

/** What the page's filters offer: the cube's years, organisation types, regions and sales reps, each sorted. */
export interface CatalogueFilters {
  years: string[];
  org_type: string[];
  region: string[];
  sales_rep: string[];
}

export async function catalogueFilters(db: Database): Promise<CatalogueFilters> {
  const [row] = await db.query<{years: string; org_type: string; region: string; sales_rep: string}>(
    `${CUBE_SQL}
     SELECT to_json(coalesce(list(DISTINCT period ORDER BY period), []))::VARCHAR AS years,
            to_json(coalesce(list(DISTINCT org_type ORDER BY org_type), []))::VARCHAR AS org_type,
            to_json(coalesce(list(DISTINCT region ORDER BY region), []))::VARCHAR AS region,
            to_json(coalesce(list(DISTINCT sales_rep ORDER BY sales_rep), []))::VARCHAR AS sales_rep
     FROM cube`,
    {not_catalogue: NOT_CATALOGUE}
  );
  return {
    years: JSON.parse(row.years),
    org_type: JSON.parse(row.org_type),
    region: JSON.parse(row.region),
    sales_rep: JSON.parse(row.sales_rep)
  };
}
