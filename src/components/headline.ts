/**
 * Headline number cards: a label, a big number, and the change since the comparison period.
 */
import {html} from "htl";

export interface Headline {
  label: string;
  value: string;
  /** e.g. "+4,2 % vs 2024"; omitted when there is nothing to compare with. */
  delta?: string;
}

/** A grid of headline cards. */
export function headlines(items: readonly Headline[]): HTMLElement {
  return html`<div class="grid grid-cols-4">
    ${items.map(
      (item) =>
        html`<div class="card">
          <div class="headline-label">${item.label}</div>
          <div class="headline">${item.value}</div>
          ${item.delta ? html`<div class="headline-delta">${item.delta}</div>` : ""}
        </div>`
    )}
  </div>` as HTMLElement;
}
