/**
 * One palette (issue 11): a code with a fixed meaning has one colour wherever it is drawn, other segments never
 * take a reserved colour, and no chart names a colour of its own.
 */
import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {COLORS, MEASURE_COLORS, SEGMENT_PALETTE, segmentScale} from "../../src/components/palette.js";

describe("palette", () => {
  it("keeps a fixed meaning's colour in any scheme and any position", () => {
    expect(segmentScale(["catalogue", "private_label"]).range).toEqual([COLORS.catalogue, COLORS.privateLabel]);
    expect(segmentScale(["private_label"]).range).toEqual([COLORS.privateLabel]);
    expect(segmentScale(["top 20 %", "profitable", "loss-making"]).range).toEqual([
      COLORS.gainStrong,
      COLORS.gain,
      COLORS.loss
    ]);
    // a remainder and "unknown" are neutral, and do not shift the free colours of the others
    expect(segmentScale(["unknown", "A", "(private label)", "B"]).range).toEqual([
      COLORS.none,
      SEGMENT_PALETTE[0],
      COLORS.none,
      SEGMENT_PALETTE[1]
    ]);
  });

  it("gives segments without a meaning only free colours", () => {
    const reserved = new Set<string>(
      [...Object.values(COLORS), ...Object.values(MEASURE_COLORS)].map((c) => c.toUpperCase())
    );
    for (const colour of SEGMENT_PALETTE) expect(reserved.has(colour.toUpperCase()), colour).toBe(false);
    expect(new Set(SEGMENT_PALETTE).size).toBe(SEGMENT_PALETTE.length);
  });

  it("is the only place a chart gets a colour", () => {
    const dir = new URL("../../src/components/charts/", import.meta.url);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), "utf8");
      expect(text.match(/#[0-9a-f]{3,6}\b|"(white|black|red|green|blue|orange)"/gi), file).toBeNull();
    }
  });
});
