/**
 * One sentence a page shows when the data cannot support a figure it draws: no cost of goods (margins are
 * revenue), no cost to serve (net contribution is gross margin). Pages put it right under their lede.
 */
import {html} from "htl";

/** One sentence saying what the data cannot show, styled and announced as a note. */
export function notice(sentence: string): HTMLElement {
  // `backticks` mark what a file should literally hold (a column, a value): set as code, not as a label
  const parts = sentence.split("`").map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));
  return html`<p class="notice" role="note">${parts}</p>` as HTMLElement;
}

export interface CostFacts {
  currency: string;
  has_cost_of_goods: boolean;
  has_cost_to_serve: boolean;
}

/**
 * The notice for a page that shows margins or net contribution, or an empty string when the data has both costs.
 * @example costNotice({currency: "USD", has_cost_of_goods: true, has_cost_to_serve: false}) // <p class="notice">…</p>
 */
export function costNotice(meta: CostFacts): HTMLElement | string {
  const missing = [
    meta.has_cost_of_goods
      ? ""
      : "the extracts carry no cost of goods (a unit cost on the sales lines or the articles), so gross margin equals revenue",
    meta.has_cost_to_serve
      ? ""
      : `cost to serve is not configured (no cost-to-serve rates in ${meta.currency} in settings.costRates, and no cost events with a cost), so net contribution equals gross margin`
  ].filter(Boolean);
  if (!missing.length) return "";
  const sentence = missing.join("; and ");
  return notice(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
}

/**
 * The notice for a chart of years when the data has one year: there is nothing to compare it with.
 * @example yearsNotice({years: 1, first_date: "2025-01-01", last_date: "2025-12-28"}) // <p class="notice">…</p>
 */
export function yearsNotice(meta: {years: number; first_date: string; last_date: string}): HTMLElement | string {
  if (meta.years > 1) return "";
  return notice(
    `The data covers one year (${meta.first_date} to ${meta.last_date}), so there is no year-on-year comparison; ` +
      "the charts show that year alone. Extracts with earlier years show the trend."
  );
}

/** A year's placed customers and the range of their supply-risk scores (loaders/reports/kraljic.ts). */
export interface KraljicSpread {
  customers: number;
  supply_risk_min: number;
  supply_risk_max: number;
}

/** The spread of supply risk over customers placed on the matrix. */
export function riskSpread(points: readonly {supply_risk: number}[]): KraljicSpread {
  return {
    customers: points.length,
    supply_risk_min: points.reduce((m, d) => Math.min(m, d.supply_risk), Infinity),
    supply_risk_max: points.reduce((m, d) => Math.max(m, d.supply_risk), -Infinity)
  };
}

/**
 * The notice for a Kraljic matrix whose customers all have the same supply risk: the matrix then only ranks by
 * profit impact, because the articles carry no attribute that makes us hard to replace.
 */
export function supplyRiskNotice(spread: KraljicSpread | undefined): HTMLElement | string {
  if (!spread || spread.customers < 2 || spread.supply_risk_min !== spread.supply_risk_max) return "";
  return notice(
    "Every customer has the same supply risk, so the matrix only ranks by profit impact: the articles they buy " +
      "carry no private-label, fashion or co-developed attribute (an articles extract with private_label and " +
      "assortment gives supply risk its spread)."
  );
}
