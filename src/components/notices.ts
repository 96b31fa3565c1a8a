/**
 * One sentence a page shows when the data cannot support a figure it draws: no cost of goods (margins are
 * revenue), no cost to serve (net contribution is gross margin). Pages put it right under their lede.
 */
import {html} from "htl";

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
  return html`<p class="notice" role="note">
    ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.
  </p>` as HTMLElement;
}
