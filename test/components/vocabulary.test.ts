import {describe, expect, it} from "vitest";
import {codeLabel} from "../../src/components/vocabulary.js";
import {chartFormatters, formatCount, formatMoneyChange} from "../../src/components/format.js";

describe("codeLabel", () => {
  it("reads known codes by their label, other lowercase codes as words, periods with the season first", () => {
    expect(codeLabel("private_label")).toBe("Private label");
    expect(codeLabel("sales_visit")).toBe("Sales visit");
    expect(codeLabel("workwear_dealer")).toBe("Workwear dealer");
    expect(codeLabel("2025-SS")).toBe("SS 2025");
    expect(codeLabel("2024-Q3")).toBe("Q3 2024");
    // one-word and hyphenated codes read as words too, so a legend does not mix "delivery" with "Order line"
    expect(codeLabel("delivery")).toBe("Delivery");
    expect(codeLabel("web")).toBe("Web");
    expect(codeLabel("loss-making")).toBe("Loss-making");
  });

  it("leaves everything else as it is: segment names, numbers, dates, months", () => {
    for (const text of [
      "A",
      "Champions",
      "(private label)",
      "top 20 %",
      "1 234 kr",
      "2024-01",
      "2024-01-02",
      "K10422",
      "0,5"
    ]) {
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

describe("chart formats", () => {
  it("read as the headlines and tables, in the dataset's locale and currency", () => {
    const sv = chartFormatters({locale: "sv-SE", currency: "SEK"});
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    expect(nbsp(sv.money(1234567.4))).toBe("1 234 567 kr");
    expect(nbsp(sv.moneyCompact(110_300_000))).toBe("110,3 mn kr");
    expect(nbsp(sv.percent(0.4123))).toBe("41,2 %");
    expect(nbsp(sv.percent(0.4123, "0"))).toBe("41 %");
    expect(nbsp(sv.count(2125))).toBe("2 125");
    expect(sv.money(null)).toBe("–");
    const gb = chartFormatters({locale: "en-GB", currency: "GBP"});
    expect(gb.moneyCompact(544_297.78)).toBe("£544.3k");
    expect(gb.moneyExact(15996.71)).toBe("£15,996.71");
  });
});

describe("formatMoneyChange", () => {
  it("signs a change of money both ways, compactly", () => {
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    expect(nbsp(formatMoneyChange(843_400))).toBe("+843,4 tn kr");
    expect(nbsp(formatMoneyChange(-1_500_000))).toBe("−1,5 mn kr");
    expect(nbsp(formatMoneyChange(0))).toBe("0 kr");
  });
});
