/**
 * Issue 10: class bounds come from settings or from the data, in the dataset's currency; never the sample's SEK
 * scale. Expected labels and quartiles are worked out by hand here.
 */
import {describe, expect, it} from "vitest";
import {openDatabase} from "../../loaders/duckdb.js";
import {dataClasses, frequencyClasses, orderValueClasses, roundBreak} from "../../loaders/segmentation/schemes.js";
import {DEFAULT_SETTINGS, mergeSettings} from "../../loaders/settings.js";

describe("order-value classes", () => {
  it("are labelled in the dataset's currency and locale", () => {
    expect(orderValueClasses([2000, 10000, 50000], {locale: "sv-SE", currency: "SEK"}).labels).toEqual([
      "small (< 2\u00a0000\u00a0kr)",
      "medium (2\u00a0000–10\u00a0000\u00a0kr)",
      "large (10\u00a0000–50\u00a0000\u00a0kr)",
      "very large (≥ 50\u00a0000\u00a0kr)"
    ]);
    expect(orderValueClasses([40, 120, 600], {locale: "en-US", currency: "USD"}).labels).toEqual([
      "small (< $40)",
      "medium (40–$120)",
      "large (120–$600)",
      "very large (≥ $600)"
    ]);
    // fewer distinct bounds (a tiny dataset): fewer classes, never an empty one
    expect(orderValueClasses([100], {locale: "en-GB", currency: "GBP"}).labels).toEqual([
      "small (< £100)",
      "large (≥ £100)"
    ]);
    expect(orderValueClasses([], {locale: "en-GB", currency: "GBP"}).labels).toEqual(["all"]);
  });

  it("round bounds to two significant digits", () => {
    expect([1234, 48765, 0.4567, 99.5, 0].map(roundBreak)).toEqual([1200, 49000, 0.46, 100, 0]);
  });

  it("take the quartiles of the catalogue customers' average order value at year ends, or the settings", async () => {
    const db = await openDatabase();
    await db.run(`CREATE TABLE features AS SELECT * FROM (VALUES
      ('year', '2024', 'K1', 'catalogue', 100.0), ('year', '2024', 'K2', 'catalogue', 200.0),
      ('year', '2025', 'K1', 'catalogue', 300.0), ('year', '2025', 'K2', 'catalogue', 500.0),
      ('year', '2025', 'K3', 'catalogue', NULL), ('year', '2025', 'P1', 'private_label', 90000.0),
      ('month', '2025-01', 'K1', 'catalogue', 7.0)
    ) AS t(grain, period, customer_id, customer_type, order_value_12m)`);
    // 100, 200, 300, 500: quartiles (linear) at 175, 250, 350
    expect(await dataClasses(db, DEFAULT_SETTINGS)).toEqual({orderValueBreaks: [180, 250, 350]});
    const set = mergeSettings(DEFAULT_SETTINGS, {orderValueBreaks: [10, 20, 30]});
    expect(await dataClasses(db, set)).toEqual({orderValueBreaks: [10, 20, 30]});
    db.close();
  });
});

describe("frequency classes", () => {
  it("follow settings.frequencyBreaks", () => {
    expect(frequencyClasses([2, 4, 12]).labels).toEqual([
      "occasional (0–1)",
      "few (2–3)",
      "regular (4–11)",
      "frequent (12+)"
    ]);
    expect(frequencyClasses([1, 2, 6]).labels).toEqual(["occasional (0)", "few (1)", "regular (2–5)", "frequent (6+)"]);
  });
});
