/**
 * The one vocabulary: how a code of the data or of the engine (a customer type, a cost driver, a channel, a
 * relationship stage, a period such as "2025-SS") reads on a page, a slide, a chart or in the PDF. Charts get it
 * through vl-render (axis and legend labels), tables and text by calling codeLabel.
 *
 * Known codes have a label here; any other lowercase code (snake_case, hyphenated or one word) reads as words
 * ("workwear_dealer" → "Workwear dealer", "delivery" → "Delivery"), so a company's own codes read well too;
 * everything else (segment names with spaces or capitals, numbers, "A") is unchanged.
 */

const LABELS: Record<string, string> = {
  catalogue: "Catalogue",
  private_label: "Private label",
  at_risk: "At risk",
  rep_visit: "Rep visit",
  sales_visit: "Sales visit",
  order_line: "Order line",
  development_project: "Development project",
  edi: "EDI",
  profile_promo: "Profile and promotion"
};

/** The codes that have a label of their own: none of them should be visible as a code on a page. */
export const LABELLED_CODES: readonly string[] = Object.keys(LABELS);

/** Override or extend the built-in labels (e.g. a dataset's customerTypeLabels). */
export function setLabels(labels: Record<string, string>): void {
  Object.assign(LABELS, labels);
}

/**
 * The label of a code.
 * @example codeLabel("private_label") // "Private label"
 * @example codeLabel("workwear_dealer") // "Workwear dealer"
 * @example codeLabel("loss-making") // "Loss-making"
 * @example codeLabel("2025-SS") // "SS 2025"
 * @example codeLabel("Champions") // "Champions"
 */
export function codeLabel(code: unknown): string {
  const text = String(code ?? "");
  if (Object.hasOwn(LABELS, text)) return LABELS[text];
  if (/^[a-z][a-z0-9]*([_-][a-z0-9]+)*$/.test(text)) {
    const words = text.replaceAll("_", " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  const period = /^(\d{4})-([A-Z][A-Za-z0-9]*)$/.exec(text);
  if (period) return `${period[2]} ${period[1]}`;
  return text;
}
