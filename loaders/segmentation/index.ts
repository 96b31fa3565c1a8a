/**
 * The segmentation and profitability engine: from the canonical tables to everything the pages show.
 * All in DuckDB SQL, one module per concept; each step is timed in the loader output.
 *
 * Output tables: periods, month_map, feature_periods, customer_period, cost_to_serve (per year), features (a view of
 * features_by_end, one row per period end), rfm_scores (a view of rfm_by_end), kraljic, kraljic_category (a view),
 * segment_membership (a view of scheme_segments, itself a view of segments_by_end, and scheme_rows), segment_summary,
 * migration, concentration, lorenz and whale (per year), account_micro, schemes. The facts, features, members and
 * per-year figures are worked out for the periods the pages read, not for every period of every grain.
 */
import {quoteIdent, quoteLiteral, type Database} from "../duckdb.js";
import {EngineError} from "./errors.js";
import type {Logger} from "../log.js";
import type {Settings} from "../settings.js";
import {createAccounts} from "./accounts.js";
import {createConcentration} from "./concentration.js";
import {createFacts, dropFactTables} from "./facts.js";
import {createFeatures} from "./features.js";
import {createKraljic} from "./kraljic.js";
import {createPeriods} from "./periods.js";
import {createMacros} from "./macros.js";
import {
  builtInSchemes,
  classifiesFeatureRows,
  classifySql,
  createRfmScores,
  customScheme,
  dataClasses,
  FEATURE_RANKS_SQL,
  POPULATIONS,
  type DataClasses,
  schemeSql,
  segmentOrder,
  type SchemeDefinition
} from "./schemes.js";
import {createMemberRows, createMigration, createSummary, dropMemberRows} from "./summary.js";

export {builtInSchemes, type SchemeDefinition};

export interface EngineSummary {
  schemes: string[];
  periods: number;
  memberships: number;
}

/** Run every step of the engine on a database holding the canonical tables. */
export async function runEngine(db: Database, settings: Settings, log: Logger): Promise<EngineSummary> {
  // No step reads a table's physical order (every order that matters is an ORDER BY); without it DuckDB need not
  // buffer rows to keep them in order, which saves memory and time at scale.
  await db.run("SET preserve_insertion_order = false");
  await createMacros(db);
  await log.step("periods", () => createPeriods(db, settings));
  await log.step("customer-period facts and cost to serve", () => createFacts(db, settings));
  await log.step("rolling 12-month features", () => createFeatures(db, settings));
  await log.step("RFM scores", () => createRfmScores(db));
  await log.step("Kraljic scores", () => createKraljic(db, settings));
  const classes = await dataClasses(db, settings);
  await exposeSettings(db, settings, classes);
  const builtIn = builtInSchemes(settings, classes);
  const schemes = [...builtIn, ...settings.customSchemes.map(customScheme)];
  // The built-in schemes with one segment per features row in one pass, a column each; the others (and every
  // custom scheme, so that its own error names it) a row per membership.
  const wide = builtIn.filter(classifiesFeatureRows);
  await log.step(`schemes (${wide.length} in one pass)`, async () => {
    await db.run(FEATURE_RANKS_SQL);
    for (const sql of classifySql(wide)) await db.run(sql);
  });
  await db.run(
    "CREATE OR REPLACE TABLE scheme_rows (scheme VARCHAR, grain VARCHAR, period VARCHAR, customer_id VARCHAR, segment VARCHAR)"
  );
  for (const scheme of schemes.filter((s) => !wide.includes(s))) {
    await log.step(`scheme ${scheme.id}`, () => classify(db, scheme));
  }
  // Every scheme's members, one row each, as the pages and the steps below read them. A query that asks for one
  // scheme by name reads only that scheme's column.
  await db.run(
    `CREATE OR REPLACE VIEW segment_membership AS
     ${[
       ...wide.map(
         (s) =>
           `SELECT ${quoteLiteral(s.id)} AS scheme, grain, period, customer_id, ${quoteIdent(s.id)} AS segment FROM scheme_segments`
       ),
       "SELECT scheme, grain, period, customer_id, segment FROM scheme_rows"
     ].join("\nUNION ALL ")}`
  );
  const columns = wide.map((s) => s.id);
  await log.step("members by integer keys", () => createMemberRows(db, columns));
  await log.step("segment summary", () => createSummary(db, columns));
  // the scheme list (with each scheme's role) before the steps that pick a scheme by its role
  await createSchemeTable(db, schemes);
  await log.step("migration", () => createMigration(db, columns));
  await dropMemberRows(db);
  await dropFactTables(db);
  await log.step("concentration and whale curve", () => createConcentration(db));
  await log.step("private-label accounts", () => createAccounts(db));
  const [counts] = await db.query<{periods: number; memberships: number}>(
    "SELECT (SELECT count(*) FROM periods)::INTEGER AS periods, (SELECT count(*) FROM segment_membership)::INTEGER AS memberships"
  );
  return {schemes: schemes.map((s) => s.id), ...counts};
}

/**
 * The thresholds of the built-in schemes as DuckDB variables, so that a custom scheme's SQL can use the same
 * settings: `getvariable('frequency_breaks')[1]` (data/README.md lists them).
 */
async function exposeSettings(db: Database, settings: Settings, classes: DataClasses): Promise<void> {
  const variables: Record<string, number | number[]> = {
    abc_a: settings.abc.a,
    abc_b: settings.abc.b,
    frequency_breaks: settings.frequencyBreaks,
    order_value_breaks: classes.orderValueBreaks,
    private_label_share_threshold: settings.privateLabelShareThreshold,
    kraljic_cut: settings.kraljic.cut
  };
  for (const [name, value] of Object.entries(variables)) {
    const sql = Array.isArray(value) ? `[${value.map(Number).join(", ")}]::DOUBLE[]` : String(Number(value));
    await db.run(`SET VARIABLE ${name} = ${sql}`);
  }
}

async function classify(db: Database, scheme: SchemeDefinition): Promise<void> {
  try {
    await db.run(
      `INSERT INTO scheme_rows
       SELECT ${quoteLiteral(scheme.id)}, grain, period, customer_id, segment FROM (${schemeSql(scheme)})`
    );
  } catch (error) {
    if (scheme.kind !== "custom") throw error;
    throw new EngineError({
      file: "segmentera.json",
      column: scheme.id,
      rule: "bad_custom_scheme",
      problem: `the custom scheme's SQL fails (${String((error as Error).message).split("\n")[0]})`,
      hint: "fix settings.customSchemes[].sql; it is an expression over the columns of the features table (see data/README.md)"
    });
  }
}

async function createSchemeTable(db: Database, schemes: SchemeDefinition[]): Promise<void> {
  await db.run(
    "CREATE OR REPLACE TABLE schemes (scheme VARCHAR, ord INTEGER, label VARCHAR, description VARCHAR, kind VARCHAR, role VARCHAR, population VARCHAR, remainder VARCHAR, segment_order VARCHAR)"
  );
  for (const [ord, scheme] of schemes.entries()) {
    // Segments the data has but the definition does not order (custom schemes, unknown values) go last.
    const present = await db.query<{segment: string}>(
      "SELECT DISTINCT segment FROM segment_membership WHERE scheme = $scheme ORDER BY segment",
      {scheme: scheme.id}
    );
    const defined = segmentOrder(scheme);
    const listed = defined.filter((s) => present.some((p) => p.segment === s));
    const unlisted = present.map((p) => p.segment).filter((s) => !defined.includes(s));
    if (scheme.byRevenue) {
      const revenue = await db.query<{segment: string}>(
        `SELECT segment FROM segment_summary WHERE scheme = $scheme AND grain = 'year'
         GROUP BY segment ORDER BY sum(revenue) DESC, segment`,
        {scheme: scheme.id}
      );
      const rank = new Map(revenue.map((r, i) => [r.segment, i]));
      unlisted.sort((x, y) => (rank.get(x) ?? Infinity) - (rank.get(y) ?? Infinity) || x.localeCompare(y));
    }
    // Data values ranked by revenue lead, the listed tail follows; otherwise the listed order leads.
    const order = scheme.byRevenue ? [...unlisted, ...listed] : [...listed, ...unlisted];
    await db.run(
      "INSERT INTO schemes VALUES ($scheme, $ord, $label, $description, $kind, $role, $population, $remainder, $order)",
      {
        scheme: scheme.id,
        // the definition order, which pages list schemes in
        ord,
        label: scheme.label,
        description: scheme.description,
        kind: scheme.kind,
        role: scheme.role ?? null,
        population: scheme.population,
        // the segment of the customers outside the scheme's population, which its totals and trends leave out
        remainder: POPULATIONS[scheme.population].remainder,
        order: JSON.stringify(order)
      }
    );
  }
}
