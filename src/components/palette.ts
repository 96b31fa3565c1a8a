/**
 * Stable, colour-blind-safe segment colours. A segment's colour is fixed by its position in the scheme's
 * display order (from the engine's `schemes` table), so the same segment has the same colour on every page.
 *
 * Palette: Okabe & Ito (2008), "Color Universal Design", extended with Paul Tol's muted scheme for schemes
 * with more than eight segments. https://jfly.uni-koeln.de/color/ , https://personal.sron.nl/~pault/
 */
export const SEGMENT_PALETTE = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#F0E442", // yellow
  "#000000", // black
  "#332288", // Tol indigo
  "#88CCEE", // Tol cyan
  "#44AA99", // Tol teal
  "#117733", // Tol green
  "#999933", // Tol olive
  "#DDCC77", // Tol sand
  "#CC6677", // Tol rose
  "#882255", // Tol wine
  "#AA4499" // Tol purple
];

/** Neutral colours for the synthetic states of migration and "unknown". */
export const STATE_COLORS: Record<string, string> = {new: "#2CA02C", lost: "#7F7F7F", unknown: "#BBBBBB"};

/**
 * A Vega-Lite colour scale for segments in display order: segmentScale(["A","B","C"]) →
 * {domain: ["A","B","C"], range: ["#0072B2","#E69F00","#009E73"]}.
 */
export function segmentScale(segments: readonly string[]): {domain: string[]; range: string[]} {
  let paletteIndex = 0;
  const range = segments.map(
    (segment) => STATE_COLORS[segment] ?? SEGMENT_PALETTE[paletteIndex++ % SEGMENT_PALETTE.length]
  );
  return {domain: [...segments], range};
}
