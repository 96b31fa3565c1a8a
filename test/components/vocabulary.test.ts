import {describe, expect, it} from "vitest";
import {codeLabel} from "../../src/components/vocabulary.js";
import {formatCount} from "../../src/components/format.js";

describe("codeLabel", () => {
  it("reads known codes by their label, other snake_case codes as words, periods with the season first", () => {
    expect(codeLabel("private_label")).toBe("Private label");
    expect(codeLabel("sales_visit")).toBe("Sales visit");
    expect(codeLabel("workwear_dealer")).toBe("Workwear dealer");
    expect(codeLabel("2025-SS")).toBe("SS 2025");
    expect(codeLabel("2024-Q3")).toBe("Q3 2024");
  });

  it("leaves everything else as it is: segment names, numbers, dates, months", () => {
    for (const text of ["A", "Champions", "(private label)", "1 234 kr", "2024-01", "2024-01-02", "web", "K10422"]) {
      expect(codeLabel(text)).toBe(text);
    }
  });
});

describe("formatCount", () => {
  it("puts the noun in the number of the count, with the locale's grouping", () => {
    expect(formatCount(1, "customer", "customers")).toBe("1 customer");
    expect(formatCount(0, "customer", "customers")).toBe("0 customers");
    expect(formatCount(2125, "customer", "customers", {locale: "en-US", currency: "USD"})).toBe("2,125 customers");
  });
});
