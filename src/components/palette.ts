/**
 * The one palette: every colour a page, slide, table or the PDF draws comes from here, and each colour has one
 * meaning. A code with a fixed meaning (a customer type, a Kraljic quadrant, "loss-making", "new", "lost", a
 * remainder such as "(private label)") has its colour wherever it appears; a measure (revenue, net contribution…)
 * has its colour wherever measures are compared; any other segment takes the next free colour in its scheme's
 * display order, from a list that holds none of the reserved colours, so orange is private label and nothing else.
 *
 * Colour-blind-safe: Okabe & Ito (2008), "Color Universal Design", and Paul Tol's muted and bright schemes.
 * https://jfly.uni-koeln.de/color/ , https://personal.sron.nl/~pault/
 */

/** Colours with one meaning each, used by name. */
export const COLORS = {
  /** Customer types. */
  catalogue: "#0072B2",
  privateLabel: "#E69F00",
  /** Gain: a profitable band, net contribution, a new customer, a rise. */
  gain: "#009E73",
  /** The most profitable band (the whale curve's top 20 %). */
  gainStrong: "#117733",
  /** Loss: loss-makers, the cost to serve, a decline, an account at risk. */
  loss: "#D55E00",
  /** Customers counted, as a measure. */
  customers: "#A6A6A6",
  /** Revenue, as a measure (and the revenue curves: Lorenz, sparklines). */
  revenue: "#4D4D4D",
  revenueLight: "#BDBDBD",
  /** A customer who left. */
  lost: "#6E6E6E",
  /** Outside a scheme's population, unknown, no orders, no profile. */
  none: "#D9D9D9",
  /** Kraljic quadrants. */
  strategic: "#332288",
  leverage: "#44AA99",
  bottleneck: "#DDCC77",
  routine: "#882255",
  /** Reference lines and rules. */
  reference: "#777777",
  /** Text drawn in a chart (quadrant names, counts), the ring of an override, and text on a dark cell. */
  label: "#555555",
  ink: "#222222",
  paper: "#FFFFFF",
  /** Chart furniture: grid lines, axis lines and ticks. */
  grid: "#E6E6E6",
  axis: "#888888"
} as const;

/** Intensity (a share of a row, a value in a heatmap): one sequential Vega scheme, light to dark. */
export const INTENSITY_SCHEME = "blues";

/** The colour of each code with a fixed meaning (engine segment names and data codes). */
const CODE_COLORS: Record<string, string> = {
  catalogue: COLORS.catalogue,
  private_label: COLORS.privateLabel,
  "top 20 %": COLORS.gainStrong,
  profitable: COLORS.gain,
  "loss-making": COLORS.loss,
  "at risk": COLORS.loss,
  at_risk: COLORS.loss,
  new: COLORS.gain,
  lost: COLORS.lost,
  unknown: COLORS.none,
  "no orders": COLORS.none,
  "no profile": COLORS.none,
  "(no revenue)": COLORS.none,
  "(private label)": COLORS.none,
  "(catalogue)": COLORS.none,
  strategic: COLORS.strategic,
  leverage: COLORS.leverage,
  bottleneck: COLORS.bottleneck,
  routine: COLORS.routine
};

/** Measures compared side by side (segment shares, resources vs profit). */
export const MEASURE_COLORS: Record<string, string> = {
  customers: COLORS.customers,
  revenue: COLORS.revenue,
  gross_margin: "#88CCEE",
  cost_to_serve: COLORS.loss,
  net_contribution: COLORS.gain
};

/** Colours for segments without a fixed meaning, in order; none of them is a reserved colour above. */
export const SEGMENT_PALETTE = [
  "#56B4E9", // sky blue
  "#CC79A7", // reddish purple
  "#999933", // Tol olive
  "#CC6677", // Tol rose
  "#AA4499", // Tol purple
  "#F0E442", // yellow
  "#6699CC", // Tol light blue
  "#997700", // Tol dark yellow
  "#EE99AA", // Tol light red
  "#994455", // Tol dark red
  "#004488" // Tol dark blue
];

/** The colour of a code with a fixed meaning, or undefined. */
export function codeColor(code: string): string | undefined {
  return Object.hasOwn(CODE_COLORS, code) ? CODE_COLORS[code] : undefined;
}

/**
 * A Vega-Lite colour scale for segments in display order: a code with a fixed meaning keeps its colour, the rest
 * take the free colours in turn.
 * @example segmentScale(["catalogue", "private_label"]) // {domain: [...], range: ["#0072B2", "#E69F00"]}
 * @example segmentScale(["A", "B", "C"]) // range: ["#56B4E9", "#CC79A7", "#999933"]
 */
export function segmentScale(segments: readonly string[]): {domain: string[]; range: string[]} {
  let paletteIndex = 0;
  const range = segments.map(
    (segment) => codeColor(segment) ?? SEGMENT_PALETTE[paletteIndex++ % SEGMENT_PALETTE.length]
  );
  return {domain: [...segments], range};
}
