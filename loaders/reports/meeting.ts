/**
 * The sales meeting's "since last meeting" data, for each meeting grain (season by default, quarter, year):
 * the latest period against the one before — who moved between segments, who is new and who was lost, the
 * biggest gainers and decliners, and private-label profiles that are older than the configured months.
 */
import type {Database} from "../duckdb.js";
import type {Settings} from "../settings.js";
import {schemeWithRole} from "../segmentation/schemes.js";

export const MEETING_GRAINS = ["season", "quarter", "year"] as const;

const STEP_SQL = `
SELECT p.period AS period, p.label AS label, q.period AS previous, q.label AS previous_label
FROM periods AS p JOIN periods AS q ON q.grain = p.grain AND q.ord = p.ord - 1
WHERE p.grain = $grain
ORDER BY p.ord DESC
LIMIT 1`;

const HEADLINE_SQL = `
SELECT
  period,
  sum(revenue)::DOUBLE AS revenue,
  sum(net_contribution)::DOUBLE AS net_contribution,
  count(*) FILTER (WHERE revenue <> 0)::INTEGER AS buying_customers
FROM customer_period
WHERE grain = $grain AND period IN ($period, $previous)
GROUP BY period`;

const FLOWS_SQL = `
SELECT scheme, segment_from, segment_to, customers::INTEGER AS customers, revenue_from::DOUBLE AS revenue_from, revenue_to::DOUBLE AS revenue_to
FROM migration
WHERE grain = $grain AND period_to = $period AND scheme = ${schemeWithRole("value")} AND segment_from <> segment_to
ORDER BY scheme, customers DESC`;

const CHANGES_SQL = `
WITH now AS (SELECT customer_id, revenue FROM customer_period WHERE grain = $grain AND period = $period),
before AS (SELECT customer_id, revenue FROM customer_period WHERE grain = $grain AND period = $previous),
abc_now AS (SELECT customer_id, segment FROM segment_membership WHERE scheme = ${schemeWithRole("value")} AND grain = $grain AND period = $period),
abc_before AS (SELECT customer_id, segment FROM segment_membership WHERE scheme = ${schemeWithRole("value")} AND grain = $grain AND period = $previous)
SELECT
  coalesce(n.customer_id, b.customer_id) AS customer_id,
  coalesce(c.customer, n.customer_id, b.customer_id) AS customer,
  c.customer_type,
  coalesce(b.revenue, 0)::DOUBLE AS revenue_before,
  coalesce(n.revenue, 0)::DOUBLE AS revenue_now,
  (coalesce(n.revenue, 0) - coalesce(b.revenue, 0))::DOUBLE AS change,
  coalesce(ab.segment, 'new') AS abc_before,
  coalesce(an.segment, 'lost') AS abc_now
FROM now AS n
FULL JOIN before AS b USING (customer_id)
LEFT JOIN abc_now AS an ON an.customer_id = coalesce(n.customer_id, b.customer_id)
LEFT JOIN abc_before AS ab ON ab.customer_id = coalesce(n.customer_id, b.customer_id)
LEFT JOIN published_customers AS c ON c.customer_id = coalesce(n.customer_id, b.customer_id)`;

const STALE_SQL = `
SELECT customer_id,
       coalesce(c.customer, a.customer_id) AS customer,
       updated_date, profile_age_months, relationship_stage, revenue_12m
FROM published_account_micro AS a LEFT JOIN published_customers AS c USING (customer_id)
WHERE profile_age_months > $months OR updated_date IS NULL
ORDER BY revenue_12m DESC`;

interface Flow {
  scheme: string;
  segment_from: string;
  segment_to: string;
  customers: number;
}

/** Customers in the value scheme's flows (the only ones read) that pass `test`. */
function countFlows(flows: Flow[], test: (flow: Flow) => boolean): number {
  return flows.filter(test).reduce((sum, f) => sum + f.customers, 0);
}

interface Change {
  customer_id: string;
  customer: string;
  customer_type: string | null;
  revenue_before: number;
  revenue_now: number;
  change: number;
  abc_before: string;
  abc_now: string;
}

/** "Since the last meeting" for one grain: the latest period against the one before. */
export interface MeetingStep {
  period: string;
  label: string;
  previous: string;
  previous_label: string;
  headline: {period: string; revenue: number; net_contribution: number; buying_customers: number}[];
  flows: Flow[];
  moved: Change[];
  newCustomers: number;
  lostCustomers: number;
  topNew: Change[];
  gainers: Change[];
  decliners: Change[];
}

export async function meeting(db: Database, settings: Settings) {
  const grains: Partial<Record<(typeof MEETING_GRAINS)[number], MeetingStep>> = {};
  for (const grain of MEETING_GRAINS) {
    const [step] = await db.query<{period: string; label: string; previous: string; previous_label: string}>(STEP_SQL, {
      grain
    });
    if (!step) continue;
    const params = {grain, period: step.period, previous: step.previous};
    const headline = await db.query<MeetingStep["headline"][number]>(HEADLINE_SQL, params);
    const flows = await db.query<Flow>(FLOWS_SQL, {grain, period: step.period});
    const changes = await db.query<Change>(CHANGES_SQL, params);
    const byChange = [...changes].sort((a, b) => b.change - a.change);
    grains[grain] = {
      ...step,
      headline,
      flows,
      moved: changes
        .filter((c) => c.abc_before !== c.abc_now && c.abc_before !== "new" && c.abc_now !== "lost")
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
        .slice(0, 10),
      // New and lost as the segment schemes count them: active in the 12 months to the period's end, or not.
      newCustomers: countFlows(flows, (f) => f.segment_from === "new"),
      lostCustomers: countFlows(flows, (f) => f.segment_to === "lost"),
      topNew: changes
        .filter((c) => c.abc_before === "new")
        .sort((a, b) => b.revenue_now - a.revenue_now)
        .slice(0, 5),
      gainers: byChange.filter((c) => c.change > 0).slice(0, 5),
      decliners: byChange
        .filter((c) => c.change < 0)
        .reverse()
        .slice(0, 5)
    };
  }
  const stale = await db.query(STALE_SQL, {months: settings.profileStaleMonths});
  return {grains, stale, staleMonths: settings.profileStaleMonths};
}
