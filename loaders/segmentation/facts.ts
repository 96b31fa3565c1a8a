/**
 * Customer-period facts: revenue net of returns and discounts, gross margin, orders, lines, fashion and
 * private-label shares, activity-based cost-to-serve and net contribution, per customer and period the engine
 * works out (periods.ts: feature_periods). Built from a customer × month table so every grain sums the same months.
 */
import type {Database} from "../duckdb.js";
import {EngineError} from "./errors.js";
import {GRAINS} from "./periods.js";
import {COST_KINDS, MAX_AMOUNT, MAX_AMOUNT_TEXT} from "../schema.js";
import type {Settings} from "../settings.js";

/**
 * Each customer's sales per month, which customer_period, the features and Kraljic read. A temporary table, like
 * channel_month: no page reads it, and a temporary table is written faster than one stored in the warehouse
 * (dropped by dropFactTables).
 */
const CUSTOMER_MONTH_SQL = `
CREATE OR REPLACE TEMP TABLE customer_month AS
SELECT
  l.customer_id,
  date_trunc('month', l.invoice_date)::DATE AS month,
  sum(l.net_amount)::DECIMAL(18,4) AS revenue,
  sum(coalesce(l.cost_amount, 0))::DECIMAL(18,4) AS cost_of_goods,
  -- lines without any known cost: their margin is unknown, counted as full margin and flagged
  count(*) FILTER (WHERE l.cost_amount IS NULL)::INTEGER AS lines_without_cost,
  count(DISTINCT coalesce(l.order_id, l.invoice_id, l.invoice_date::VARCHAR)) FILTER (WHERE l.quantity > 0)::INTEGER AS orders,
  count(*) FILTER (WHERE l.quantity > 0)::INTEGER AS lines,
  count(*) FILTER (WHERE l.quantity < 0)::INTEGER AS return_lines,
  coalesce(sum(l.net_amount) FILTER (WHERE a.assortment = 'fashion'), 0)::DECIMAL(18,4) AS fashion_revenue,
  coalesce(sum(l.net_amount) FILTER (WHERE a.assortment IS NOT NULL), 0)::DECIMAL(18,4) AS assortment_known_revenue,
  coalesce(sum(l.net_amount) FILTER (WHERE a.private_label), 0)::DECIMAL(18,4) AS private_label_revenue,
  max(l.invoice_date) FILTER (WHERE l.quantity > 0) AS last_order_date
FROM sales_lines AS l
LEFT JOIN articles AS a USING (article_id)
GROUP BY ALL`;

const CHANNEL_MONTH_SQL = `
CREATE OR REPLACE TEMP TABLE channel_month AS
SELECT customer_id, date_trunc('month', invoice_date)::DATE AS month, coalesce(channel, 'unknown') AS channel, sum(net_amount) AS revenue
FROM sales_lines
GROUP BY ALL`;

/**
 * The cost drivers counted from the sales, per customer and month (customer_id, month, driver, quantity): orders,
 * order lines and returns from customer_month; deliveries from the orders extract, or one per order when there is
 * none. cost_month rates those the cost events do not report; checkRatedCostsFit bounds the same quantities.
 */
const SALES_DRIVERS_SQL = `
  SELECT customer_id, month, 'order' AS driver, orders::DOUBLE AS quantity FROM customer_month
  UNION ALL
  SELECT customer_id, month, 'order_line', lines::DOUBLE FROM customer_month
  UNION ALL
  SELECT customer_id, month, 'return', return_lines::DOUBLE FROM customer_month
  UNION ALL
  SELECT customer_id, date_trunc('month', order_date)::DATE, 'delivery', sum(coalesce(deliveries, 1))::DOUBLE
  FROM orders
  GROUP BY ALL
  UNION ALL
  SELECT customer_id, month, 'delivery', orders::DOUBLE FROM customer_month WHERE NOT EXISTS (SELECT 1 FROM orders)`;

/**
 * Cost-to-serve drivers per customer and month (docs/domain.md, activity-based): quantity × rate, or the actual
 * cost when the cost events carry one. A driver the cost events report is taken from them; otherwise orders,
 * lines and returns come from the sales lines and deliveries from the orders extract. A temporary table: the
 * warehouse keeps cost_to_serve, its sums per year (stored, it was the warehouse's largest table, for no page).
 */
const COST_MONTH_SQL = `
CREATE OR REPLACE TEMP TABLE cost_month AS
WITH rates AS (SELECT driver, rate FROM cost_rates),
event_drivers AS (
  SELECT DISTINCT kind AS driver FROM cost_events
),
from_events AS (
  SELECT
    customer_id,
    date_trunc('month', event_date)::DATE AS month,
    kind AS driver,
    sum(coalesce(count, 1))::DOUBLE AS quantity,
    -- an event without a cost takes the rate; with neither, its cost is unknown (NULL), not zero
    sum(coalesce(cost, round(coalesce(count, 1) * r.rate, 2)))::DECIMAL(18,4) AS cost,
    CASE WHEN bool_and(cost IS NOT NULL) THEN 'actual' WHEN bool_or(cost IS NOT NULL) THEN 'mixed'
         WHEN any_value(r.rate) IS NOT NULL THEN 'rates' ELSE 'none' END AS source
  FROM cost_events
  LEFT JOIN rates AS r ON r.driver = kind
  GROUP BY ALL
),
from_sales AS (${SALES_DRIVERS_SQL})
SELECT customer_id, month, driver, quantity, cost, source FROM from_events
UNION ALL
SELECT s.customer_id, s.month, s.driver, s.quantity, round(s.quantity * r.rate, 2)::DECIMAL(18,4), 'rates'
FROM from_sales AS s
JOIN rates AS r USING (driver)
WHERE s.driver NOT IN (SELECT driver FROM event_drivers) AND s.quantity <> 0`;

/**
 * Cost to serve per calendar year, customer and driver, summed from cost_month: what the Profitability page reads
 * (per driver, source and customer type) and the site's metadata asks (whether any cost is known).
 */
const COST_TO_SERVE_SQL = `
CREATE OR REPLACE TABLE cost_to_serve AS
SELECT
  m.period,
  c.customer_id,
  c.driver,
  sum(c.quantity)::DOUBLE AS quantity,
  (sum(c.cost) / nullif(sum(c.quantity), 0))::DOUBLE AS rate,
  sum(c.cost)::DECIMAL(18,4) AS cost,
  CASE WHEN min(c.source) = max(c.source) THEN min(c.source) ELSE 'mixed' END AS source
FROM cost_month AS c
JOIN month_map AS m USING (month)
WHERE m.grain = 'year'
GROUP BY ALL`;

/** A cost's sources (cost_month.source) in their alphabetical order. */
const COST_SOURCES = "['actual', 'mixed', 'none', 'rates']";

/**
 * The integer keys the engine's later steps join and group on, which hash and sort far faster than text: a
 * period's key (its grain's number × 10 000 + its ordinal, so that the next period of a grain is key + 1; in
 * `period_keys`, and each month's in `month_keys`) and a customer's number (`customer_keys`). With them,
 * `month_costs`: each customer-month's costs summed over their drivers. Temporary tables, kept for the engine's
 * later steps (features, summary, migration) and dropped by dropFactTables.
 */
const SHARED_SQL = [
  `CREATE OR REPLACE TEMP TABLE period_keys AS
   SELECT grain, period, start_date, end_date, (g.n * 10000 + p.ord)::INTEGER AS period_key
   FROM periods AS p
   JOIN (VALUES ${GRAINS.map((grain, i) => `('${grain}', ${i + 1})`).join(", ")}) AS g(grain, n) USING (grain)`,
  `CREATE OR REPLACE TEMP TABLE month_keys AS
   SELECT m.month, k.period_key, k.start_date FROM month_map AS m JOIN period_keys AS k USING (grain, period)`,
  `CREATE OR REPLACE TEMP TABLE customer_keys AS
   SELECT customer_id, row_number() OVER (ORDER BY customer_id)::INTEGER AS customer
   FROM (SELECT customer_id FROM customer_month UNION SELECT customer_id FROM cost_month)`,
  `CREATE OR REPLACE TEMP TABLE month_costs AS
   SELECT
     customer_id,
     month,
     sum(cost) AS cost_to_serve,
     sum(quantity) FILTER (WHERE driver = 'delivery') AS deliveries,
     sum(quantity) FILTER (WHERE driver = 'sales_visit') AS sales_visits,
     sum(quantity) FILTER (WHERE driver = 'development_project') AS development_projects,
     -- the first and last source in alphabetical order, as their position in COST_SOURCES: customer_period takes
     -- their minimum and maximum over millions of rows, where a number compares far faster than a text
     min(list_position(${COST_SOURCES}, source))::UTINYINT AS first_source,
     max(list_position(${COST_SOURCES}, source))::UTINYINT AS last_source
   FROM cost_month
   GROUP BY ALL`
];
const SHARED_TABLES = [
  "customer_month",
  "channel_month",
  "cost_month",
  "period_keys",
  "month_keys",
  "customer_keys",
  "month_costs"
];

/**
 * Customer-period facts: each customer-month's sales and costs are joined into one row first, then summed once
 * per set of months (periods of different grains over the same months share one sum), keyed by a period's key and
 * the customer's number; names are joined to the sums at the end. The periods are those the engine works out
 * (feature_periods): the pages read no other, and every month would be nearly half the rows.
 *
 * Distinct articles are not among the facts: only the Explore page shows them, and its loader counts them for its
 * two grains (reports/explore.ts), a fraction of what counting them for every period here cost.
 */
const CUSTOMER_PERIOD_SQL = `
CREATE OR REPLACE TABLE customer_period AS
WITH sum_keys AS (
  -- periods of the same months (a year and a fiscal year that starts in January) have the same facts: they are
  -- summed once, under the smallest of their period keys
  SELECT period_key, min(period_key) OVER (PARTITION BY start_date, end_date) AS sum_key,
         start_date = date_trunc('month', end_date) AS one_month
  FROM period_keys
  SEMI JOIN feature_periods USING (grain, period)
),
month_sums AS (
  SELECT DISTINCT m.month, s.sum_key, s.one_month
  FROM month_keys AS m
  JOIN sum_keys AS s USING (period_key)
),
months AS (
  SELECT c.customer, j.* EXCLUDE (customer_id)
  FROM (SELECT * FROM customer_month FULL JOIN month_costs USING (customer_id, month)) AS j
  JOIN customer_keys AS c USING (customer_id)
),
-- every period of more than one month summed from its months; a month's row is its own sum
summed AS (
  SELECT
    m.sum_key,
    f.customer,
    sum(f.revenue) AS revenue,
    sum(f.cost_of_goods) AS cost_of_goods,
    sum(f.orders) AS orders,
    sum(f.lines) AS lines,
    sum(f.return_lines) AS return_lines,
    sum(f.fashion_revenue) AS fashion_revenue,
    sum(f.assortment_known_revenue) AS assortment_known_revenue,
    sum(f.private_label_revenue) AS private_label_revenue,
    sum(f.lines_without_cost) AS lines_without_cost,
    max(f.last_order_date) AS last_order_date,
    sum(f.cost_to_serve) AS cost_to_serve,
    sum(f.deliveries) AS deliveries,
    sum(f.sales_visits) AS sales_visits,
    sum(f.development_projects) AS development_projects,
    min(f.first_source) AS first_source,
    max(f.last_source) AS last_source
  FROM months AS f
  JOIN month_sums AS m USING (month)
  WHERE NOT m.one_month
  GROUP BY ALL
  UNION ALL BY NAME
  SELECT m.sum_key, f.* EXCLUDE (month)
  FROM months AS f
  JOIN month_sums AS m USING (month)
  WHERE m.one_month
),
facts AS (
  SELECT
    sum_key,
    customer,
    coalesce(revenue, 0)::DECIMAL(18,4) AS revenue,
    coalesce(cost_of_goods, 0)::DECIMAL(18,4) AS cost_of_goods,
    coalesce(orders, 0)::INTEGER AS orders,
    coalesce(lines, 0)::INTEGER AS lines,
    coalesce(return_lines, 0)::INTEGER AS returns,
    fashion_revenue,
    assortment_known_revenue,
    private_label_revenue,
    coalesce(lines_without_cost, 0)::INTEGER AS lines_without_cost,
    last_order_date,
    coalesce(cost_to_serve, 0)::DECIMAL(18,4) AS cost_to_serve,
    coalesce(deliveries, 0)::DOUBLE AS deliveries,
    coalesce(sales_visits, 0)::DOUBLE AS sales_visits,
    coalesce(development_projects, 0)::DOUBLE AS development_projects,
    CASE WHEN first_source = last_source THEN ${COST_SOURCES}[first_source]
         WHEN first_source IS NOT NULL THEN 'mixed' ELSE 'none' END AS cost_to_serve_source
  FROM summed
)
SELECT
  p.grain,
  p.period,
  c.customer_id,
  f.revenue,
  f.cost_of_goods,
  (f.revenue - f.cost_of_goods)::DECIMAL(18,4) AS gross_margin,
  f.orders,
  f.lines,
  -- + 0: 0 divided by a negative revenue is −0, which would read "−0 %"
  (f.fashion_revenue / nullif(f.assortment_known_revenue, 0))::DOUBLE + 0 AS fashion_share,
  (f.private_label_revenue / nullif(f.revenue, 0))::DOUBLE + 0 AS private_label_share,
  f.returns,
  f.deliveries,
  f.sales_visits,
  f.development_projects,
  f.cost_to_serve,
  f.cost_to_serve_source,
  (f.revenue - f.cost_of_goods - f.cost_to_serve)::DECIMAL(18,4) AS net_contribution,
  f.lines_without_cost,
  f.last_order_date
FROM facts AS f
JOIN sum_keys AS k USING (sum_key)
JOIN period_keys AS p USING (period_key)
JOIN customer_keys AS c USING (customer)`;

/**
 * Build customer_period and cost_to_serve, and the temporary tables the engine's later steps read (customer_month,
 * channel_month, cost_month and the shared tables above).
 */
export async function createFacts(db: Database, settings: Settings): Promise<void> {
  await db.run(CUSTOMER_MONTH_SQL);
  await db.run(CHANNEL_MONTH_SQL);
  await db.run("CREATE OR REPLACE TABLE cost_rates (driver VARCHAR, rate DECIMAL(18,4))");
  const rated = COST_KINDS.filter((kind) => settings.costRates[kind] !== undefined);
  for (const kind of rated) {
    await db.run("INSERT INTO cost_rates VALUES ($kind, $rate)", {kind, rate: String(settings.costRates[kind])});
  }
  if (rated.length) await checkRatedCostsFit(db);
  await db.run(COST_MONTH_SQL);
  await db.run(COST_TO_SERVE_SQL);
  for (const sql of SHARED_SQL) await db.run(sql);
  await db.run(CUSTOMER_PERIOD_SQL);
}

/**
 * Stop before the costs at the rates (cost_rates, from settings.costRates) can overflow cost_month or the sums
 * over it: the rated quantities (SALES_DRIVERS_SQL's, as cost_month rates them, and the cost events' without a
 * cost) times their rates, added to the amounts and costs the load has bounded (checkTotalsFit), must stay below
 * MAX_AMOUNT. A rate off by powers of ten is the likely cause.
 * @throws EngineError amount_overflow, naming the driver whose rated cost is largest
 */
async function checkRatedCostsFit(db: Database): Promise<void> {
  const [row] = await db.query<{rated: number; others: number; driver: string; rate: number; quantity: number}>(
    `WITH rates AS (SELECT driver, rate::DOUBLE AS rate FROM cost_rates),
     event_drivers AS (SELECT DISTINCT kind AS driver FROM cost_events),
     quantities AS (
       SELECT driver, sum(abs(quantity)) AS quantity FROM (${SALES_DRIVERS_SQL})
       WHERE driver NOT IN (SELECT driver FROM event_drivers)
       GROUP BY driver
       UNION ALL
       SELECT kind, sum(abs(coalesce(count, 1))) FROM cost_events WHERE cost IS NULL GROUP BY kind
     ),
     rated AS (
       SELECT driver, rate, sum(quantity) AS quantity, rate * sum(quantity) AS cost
       FROM quantities JOIN rates USING (driver) GROUP BY driver, rate
     )
     SELECT (SELECT coalesce(sum(cost), 0) FROM rated) AS rated,
            -- the total checkTotalsFit bounded, summed again rather than kept: customer_month has just read
            -- these columns, so it costs milliseconds, and the engine needs no table from the load to run
            (SELECT coalesce(sum(abs(net_amount)), 0) + coalesce(sum(abs(cost_amount)), 0) FROM sales_lines)::DOUBLE
              + (SELECT coalesce(sum(abs(cost)), 0) FROM cost_events)::DOUBLE AS others,
            r.driver, r.rate, r.quantity
     FROM (SELECT * FROM rated ORDER BY cost DESC NULLS LAST LIMIT 1) AS r`
  );
  if (!row || row.rated + row.others < MAX_AMOUNT) return;
  throw new EngineError({
    file: "segmentera.json",
    column: `settings.costRates.${row.driver}`,
    rule: "amount_overflow",
    problem: `the costs to serve at these rates would add up to ${row.rated.toExponential(2)} (the largest: ${row.quantity} × ${row.rate} for ${row.driver}), which with the sales amounts and costs exceeds the ${MAX_AMOUNT_TEXT} the warehouse holds`,
    hint: "check the rates in settings.costRates (a rate in the wrong unit or currency, or with extra digits)"
  });
}

/** Drop the temporary tables createFacts keeps for the engine's later steps (SHARED_TABLES). */
export async function dropFactTables(db: Database): Promise<void> {
  for (const table of SHARED_TABLES) await db.run(`DROP TABLE ${table}`);
}
