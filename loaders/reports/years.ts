/**
 * The report queries' filter to the latest years: pages that draw only the latest year or two load only those.
 */

/**
 * SQL condition: `column` (a year's period id) is one of the latest `count` years the data covers; `count` is a
 * SQL integer expression, and NULL keeps every year.
 * @example inLatestYears("k.period", "$latest::INTEGER")
 */
export function inLatestYears(column: string, count: string): string {
  return `(${count} IS NULL OR ${column} IN (SELECT period FROM periods WHERE grain = 'year' ORDER BY ord DESC LIMIT coalesce(${count}, 0)))`;
}
