/**
 * Periods: month, quarter, catalogue season, year and fiscal year, for the months the data covers.
 * `month_map` maps each month to its period in every grain; `periods` lists the periods with their dates;
 * `feature_periods` the periods the engine works out. Seasons and the fiscal-year start come from settings.
 */
import {quoteLiteral, type Database} from "../duckdb.js";
import type {Settings} from "../settings.js";

export const GRAINS = ["month", "quarter", "season", "year", "fiscal_year"] as const;
export type Grain = (typeof GRAINS)[number];

/**
 * The period of each grain a month falls in.
 * @example periodsOfMonth(2024, 8, settings).season // {id: "2024-AW", label: "AW 2024"}
 */
export function periodsOfMonth(
  year: number,
  month: number,
  settings: Settings
): Record<Grain, {id: string; label: string}> {
  const mm = String(month).padStart(2, "0");
  const quarter = Math.ceil(month / 3);
  const seasons = [...settings.seasons].sort((a, b) => a.startMonth - b.startMonth);
  const current = [...seasons].reverse().find((s) => s.startMonth <= month);
  // Before the first season's start month, a month belongs to the previous year's last season.
  const season = current ?? seasons[seasons.length - 1];
  const seasonYear = current ? year : year - 1;
  const fyStart = settings.fiscalYearStartMonth;
  const fyYear = month >= fyStart ? year : year - 1;
  const fyId = fyStart === 1 ? `FY${fyYear}` : `FY${fyYear}/${String(fyYear + 1).slice(2)}`;
  return {
    month: {id: `${year}-${mm}`, label: `${year}-${mm}`},
    quarter: {id: `${year}-Q${quarter}`, label: `Q${quarter} ${year}`},
    season: {id: `${seasonYear}-${season.name}`, label: `${season.name} ${seasonYear}`},
    year: {id: String(year), label: String(year)},
    fiscal_year: {id: fyId, label: fyId}
  };
}

const PERIODS_SQL = `
CREATE OR REPLACE TABLE periods AS
WITH spans AS (
  SELECT
    grain,
    period,
    any_value(label) AS label,
    min(month) AS start_date,
    last_day(max(month)) AS end_date,
    count(*) AS months
  FROM month_map
  GROUP BY ALL
),
bounds AS (
  SELECT min(invoice_date) AS first_date, max(invoice_date) AS last_date FROM sales_lines
)
SELECT
  grain,
  period,
  label,
  start_date,
  end_date,
  row_number() OVER (PARTITION BY grain ORDER BY start_date)::INTEGER AS ord,
  -- complete: the data covers the period's first and last day (the data ends on its last month's end)
  start_date >= date_trunc('month', first_date)
    AND (start_date > date_trunc('month', first_date) OR first_date = date_trunc('month', first_date))
    AND end_date <= last_date
    AND months = CASE grain WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'season' THEN months ELSE 12 END AS is_complete
FROM spans, bounds
ORDER BY grain, start_date`;

/**
 * The periods the engine works out (customer_period, the features and so every scheme's members): every period
 * of every grain but the month, of which only those a page reads (the private-label accounts read the last month
 * and the month a year before it). Every month would be most of the rows and of the work, for no page.
 */
const FEATURE_PERIODS_SQL = `
CREATE OR REPLACE TABLE feature_periods AS
SELECT grain, period, end_date
FROM periods
WHERE grain <> 'month'
   OR ord IN (SELECT max(ord) - back FROM periods, (VALUES (0), (12)) AS v(back) WHERE grain = 'month' GROUP BY back)`;

/** Create month_map, periods and feature_periods for the months between the first and last invoice date. */
export async function createPeriods(db: Database, settings: Settings): Promise<void> {
  const [range] = await db.query<{first: string | null; last: string | null}>(
    "SELECT min(invoice_date)::VARCHAR AS first, max(invoice_date)::VARCHAR AS last FROM sales_lines"
  );
  await db.run("CREATE OR REPLACE TABLE month_map (month DATE, grain VARCHAR, period VARCHAR, label VARCHAR)");
  if (range.first && range.last) {
    const rows: string[] = [];
    let [year, month] = range.first.split("-").map(Number);
    const [lastYear, lastMonth] = range.last.split("-").map(Number);
    while (year < lastYear || (year === lastYear && month <= lastMonth)) {
      const date = `${year}-${String(month).padStart(2, "0")}-01`;
      for (const [grain, {id, label}] of Object.entries(periodsOfMonth(year, month, settings))) {
        rows.push(`(DATE '${date}', '${grain}', ${quoteLiteral(id)}, ${quoteLiteral(label)})`);
      }
      [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    }
    for (let i = 0; i < rows.length; i += 1000)
      await db.run(`INSERT INTO month_map VALUES ${rows.slice(i, i + 1000).join(", ")}`);
  }
  await db.run(PERIODS_SQL);
  await db.run(FEATURE_PERIODS_SQL);
}

/**
 * The grains of `among` whose periods are another one's of them, month for month (a fiscal year that starts in
 * January is the calendar year), each with the grain earlier in `among` that it repeats. A step that computes
 * figures per period computes them for that grain only and copies them to its twin (copyToTwinSql): the same
 * months give the same figures.
 */
export async function twinGrains(db: Database, among: readonly Grain[] = GRAINS): Promise<Map<Grain, Grain>> {
  const rows = await db.query<{grain: Grain; spans: string}>(
    `SELECT grain, string_agg(start_date::VARCHAR || '/' || end_date::VARCHAR, ' ' ORDER BY start_date) AS spans
     FROM periods GROUP BY grain`
  );
  const spans = new Map(rows.map((r) => [r.grain, r.spans]));
  const twins = new Map<Grain, Grain>();
  for (const [i, grain] of among.entries()) {
    const twin = among.slice(0, i).find((g) => !twins.has(g) && spans.has(g) && spans.get(g) === spans.get(grain));
    if (twin) twins.set(grain, twin);
  }
  return twins;
}

/**
 * Copy `table`'s rows of the grain `of` to its twin `grain`, each period column (`columns`) relabelled with the
 * twin's period of the same months; with `schemes`, only those schemes' rows.
 */
export function copyToTwinSql(
  table: string,
  grain: Grain,
  of: Grain,
  columns: string[] = ["period"],
  {schemes}: {schemes?: string[]} = {}
): string {
  const joins = columns.map(
    (column, i) =>
      `JOIN periods AS o${i} ON o${i}.grain = '${of}' AND o${i}.period = t.${column}
       JOIN periods AS p${i} ON p${i}.grain = '${grain}' AND p${i}.start_date = o${i}.start_date AND p${i}.end_date = o${i}.end_date`
  );
  return `INSERT INTO ${table}
SELECT t.* REPLACE ('${grain}' AS grain, ${columns.map((c, i) => `p${i}.period AS ${c}`).join(", ")})
FROM ${table} AS t
${joins.join("\n")}
WHERE t.grain = '${of}'${schemes ? ` AND t.scheme IN (${schemes.map(quoteLiteral).join(", ")})` : ""}`;
}
