/** Issue 14: every CSV the site or the loaders write is safe to open in a spreadsheet. */
import {describe, expect, it} from "vitest";
import {spreadsheetSafe, toCsv} from "../../src/components/csv.js";
import {parseCsv} from "../support/csv.js";

describe("spreadsheetSafe", () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ["+46 70 123 45 67", "'+46 70 123 45 67"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["-99.50", "-99.50"],
    ["+5", "+5"],
    ["Bergström AB", "Bergström AB"],
    [-12, -12]
  ])("%j → %j", (value, expected) => {
    expect(spreadsheetSafe(value)).toEqual(expected);
  });
});

describe("toCsv", () => {
  it("neutralises formula cells and keeps quoting", () => {
    const text = toCsv([{name: "=1+1", note: 'say "hi", then', amount: -5}]);
    expect(parseCsv(text)).toEqual([
      ["name", "note", "amount"],
      ["'=1+1", 'say "hi", then', "-5"]
    ]);
  });
});
