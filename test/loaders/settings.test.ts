/** Issue 10: cost-to-serve rates belong to a currency. */
import {describe, expect, it} from "vitest";
import {DEFAULT_SETTINGS, mergeSettings} from "../../loaders/settings.js";

describe("mergeSettings", () => {
  it("keeps the SEK default rates for a SEK dataset, merging the ones it sets", () => {
    const settings = mergeSettings(DEFAULT_SETTINGS, {costRates: {order: 200}});
    expect(settings.costRates).toEqual({...DEFAULT_SETTINGS.costRates, order: 200});
  });

  it("applies no default rates to a dataset in another currency", () => {
    expect(mergeSettings(DEFAULT_SETTINGS, {currency: "USD", locale: "en-US"}).costRates).toEqual({});
  });

  it("applies only the rates a dataset in another currency sets itself", () => {
    expect(mergeSettings(DEFAULT_SETTINGS, {currency: "USD", costRates: {order: 12}}).costRates).toEqual({order: 12});
  });
});
