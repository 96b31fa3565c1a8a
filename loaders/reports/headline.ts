/**
 * The headline period the Overview, the management report and the analyses open with: the latest year of the
 * data, as of the as-of date (settings.asOf, else the last invoice date). When that year is not over (data
 * ending on 9 December), it is shown with its span ("2011, 1 Dec – 9 Dec" when the data also starts late) and
 * compared like for like: with the same span of the year before, and only when the data covers that span in
 * full. Figures come straight from the accepted sales lines of the span; customer types from the engine's
 * customer-type scheme of the year (docs: a customer's type is decided on its year, so a span shares it).
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";
import {schemeWithRole} from "../segmentation/schemes.js";

export interface SpanFigures {
  /** The year, e.g. "2011". */
  period: string;
  /** "2011" for a whole year, else the year and its span, e.g. "2011, 1 Jan – 9 Dec". */
  label: string;
  start: string;
  end: string;
  complete: boolean;
  revenue: number;
  /** Customers with at least one sales line in the span. */
  customers: number;
  private_label_customers: number;
  /** Private-label share of revenue; null when revenue is zero. */
  private_label_share: number | null;
  /** Gross margin / revenue; null when no line of the span has a cost (the margin is not available). */
  gross_margin_pct: number | null;
  /** The customer with the most revenue in the span (as the site names it), null without revenue. */
  top_customer: {customer_id: string; customer: string; revenue: number; share: number | null} | null;
}

export interface Headline {
  as_of: string;
  latest: SpanFigures | null;
  /** The same span a year earlier, when the data covers it in full. */
  previous: SpanFigures | null;
}

const BOUNDS_SQL = `
SELECT min(invoice_date)::VARCHAR AS first_date, max(invoice_date)::VARCHAR AS last_date FROM sales_lines`;

const SPAN_SQL = `
WITH lines AS (
  SELECT l.customer_id, l.net_amount, l.cost_amount
  FROM sales_lines AS l
  WHERE l.invoice_date BETWEEN $start::DATE AND $end::DATE
),
types AS (
  SELECT customer_id, segment AS customer_type
  FROM segment_membership
  WHERE scheme = ${schemeWithRole("customer_type")} AND grain = 'year' AND period = $period
)
SELECT
  coalesce(sum(net_amount), 0)::DOUBLE AS revenue,
  count(DISTINCT customer_id)::INTEGER AS customers,
  count(DISTINCT customer_id) FILTER (WHERE t.customer_type = 'private_label')::INTEGER AS private_label_customers,
  coalesce(sum(net_amount) FILTER (WHERE t.customer_type = 'private_label'), 0)::DOUBLE AS private_label_revenue,
  -- the margin of the lines that have a cost; none: not available
  count(*) FILTER (WHERE cost_amount IS NOT NULL)::INTEGER AS lines_with_cost,
  coalesce(sum(net_amount - cost_amount) FILTER (WHERE cost_amount IS NOT NULL), 0)::DOUBLE AS margin,
  coalesce(sum(net_amount) FILTER (WHERE cost_amount IS NOT NULL), 0)::DOUBLE AS revenue_with_cost
FROM lines LEFT JOIN types AS t USING (customer_id)`;

const TOP_SQL = `
SELECT l.customer_id, coalesce(any_value(c.customer), l.customer_id) AS customer, sum(l.net_amount)::DOUBLE AS revenue
FROM sales_lines AS l LEFT JOIN published_customers AS c USING (customer_id)
WHERE l.invoice_date BETWEEN $start::DATE AND $end::DATE
GROUP BY l.customer_id
HAVING sum(l.net_amount) > 0
ORDER BY revenue DESC, l.customer_id
LIMIT 1`;

/**
 * The first invoice date, the as-of date (settings.asOf, else the last invoice date) and the headline year: the
 * year of the as-of date, null without sales lines.
 */
async function bounds(
  db: Database,
  settings: Settings
): Promise<{first: string | null; asOf: string | null; year: number | null}> {
  const [{first_date, last_date}] = await db.query<{first_date: string | null; last_date: string | null}>(BOUNDS_SQL);
  const asOf = settings.asOf ?? last_date;
  return {first: first_date, asOf, year: first_date && asOf ? Number(asOf.slice(0, 4)) : null};
}

/** The headline year ("2011"); null without sales lines. */
export async function headlineYear(db: Database, settings: Settings): Promise<string | null> {
  const {year} = await bounds(db, settings);
  return year === null ? null : String(year);
}

/** The headline period and its like-for-like comparison. */
export async function headline(db: Database, settings: Settings): Promise<Headline> {
  const {first: first_date, asOf, year} = await bounds(db, settings);
  if (!first_date || !asOf || year === null) return {as_of: asOf ?? "", latest: null, previous: null};
  const start = maxDate(`${year}-01-01`, first_date);
  const latest = await span(db, settings, String(year), start, asOf);
  const [previousStart, previousEnd] = [shiftYear(start, -1), shiftYear(asOf, -1)];
  const previous =
    first_date <= previousStart ? await span(db, settings, String(year - 1), previousStart, previousEnd) : null;
  return {as_of: asOf, latest, previous};
}

async function span(db: Database, settings: Settings, period: string, start: string, end: string) {
  const [row] = await db.query<{
    revenue: number;
    customers: number;
    private_label_customers: number;
    private_label_revenue: number;
    lines_with_cost: number;
    margin: number;
    revenue_with_cost: number;
  }>(SPAN_SQL, {start, end, period});
  const [top] = await db.query<{customer_id: string; customer: string; revenue: number}>(TOP_SQL, {start, end});
  const complete = start.endsWith("-01-01") && end.endsWith("-12-31");
  return {
    period,
    label: spanLabel(period, start, end, settings.locale),
    start,
    end,
    complete,
    revenue: row.revenue,
    customers: row.customers,
    private_label_customers: row.private_label_customers,
    private_label_share: row.revenue !== 0 ? row.private_label_revenue / row.revenue : null,
    gross_margin_pct:
      row.lines_with_cost > 0 && row.revenue_with_cost !== 0 ? row.margin / row.revenue_with_cost : null,
    top_customer: top ? {...top, share: row.revenue > 0 ? top.revenue / row.revenue : null} : null
  };
}

/**
 * A year's label: the year when the span is the whole year, else the year and its span.
 * @example spanLabel("2011", "2011-01-01", "2011-12-09", "en-GB") // "2011, 1 Jan – 9 Dec"
 */
export function spanLabel(period: string, start: string, end: string, locale: string): string {
  const whole = start === `${period}-01-01` && end === `${period}-12-31`;
  return whole ? period : `${period}, ${dayMonth(start, locale)} – ${dayMonth(end, locale)}`;
}

/** "9 Dec" in en-GB, "9 dec." in sv-SE. */
function dayMonth(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {day: "numeric", month: "short", timeZone: "UTC"}).format(new Date(date));
}

/** The same day a year earlier or later; 29 February becomes 28 February. */
export function shiftYear(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
