/** The Lorenz curve spec compiles with Vega-Lite and draws the diagonal and the curve. */
import {compile} from "vega-lite";
import {describe, expect, it} from "vitest";
import {lorenzCurve} from "../../src/components/charts/lorenz-curve.js";

describe("lorenzCurve", () => {
  it("compiles to a line (equality) and an area (the curve)", () => {
    const spec = lorenzCurve(
      [
        {customer_share: 0, revenue_share: 0},
        {customer_share: 0.5, revenue_share: 0.1},
        {customer_share: 1, revenue_share: 1}
      ],
      {width: 400}
    );
    const {spec: vega} = compile({...spec, config: {customFormatTypes: true}});
    const marks = (vega.marks ?? []).map((m) => m.type);
    expect(marks).toContain("line");
    expect(marks).toContain("area");
  });
});
