/**
 * Number, money and date formatting for pages and charts, by locale and currency (sv-SE and SEK by default).
 * Pages get locale and currency from the dataset's settings (src/data/settings.json), never hard-coded.
 */

export interface FormatOptions {
  /** BCP 47 locale, e.g. "sv-SE". */
  locale: string;
  /** ISO 4217 currency, e.g. "SEK". */
  currency: string;
}

export const DEFAULT_FORMAT: FormatOptions = {locale: "sv-SE", currency: "SEK"};

/**
 * One Intl.NumberFormat per locale and options, made once: making one costs about as much as formatting a
 * thousand numbers with it, and a page's tables and chart axes format thousands of numbers.
 */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Format a whole number with the locale's grouping: formatInteger(1234567) → "1 234 567". */
export function formatInteger(value: number, {locale}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {maximumFractionDigits: 0}).format(value);
}

/**
 * A count with its noun in the right number.
 * @example formatCount(1, "customer", "customers") // "1 customer"
 * @example formatCount(2125, "customer", "customers") // "2 125 customers"
 */
export function formatCount(n: number, one: string, many: string, options: FormatOptions = DEFAULT_FORMAT): string {
  return `${formatInteger(n, options)} ${n === 1 ? one : many}`;
}

/** Format money without decimals: formatMoney(1234567) → "1 234 567 kr". */
export function formatMoney(value: number, {locale, currency}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {style: "currency", currency, maximumFractionDigits: 0}).format(value);
}

/** Format money to the öre/cent: formatMoneyExact(1234.5) → "1 234,50 kr". */
export function formatMoneyExact(value: number, {locale, currency}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {style: "currency", currency, minimumFractionDigits: 2}).format(value);
}

/** Format large money compactly for headlines: formatMoneyCompact(98_400_000) → "98,4 mn kr". */
export function formatMoneyCompact(value: number, {locale, currency}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1
  }).format(value);
}

/** Format a change of money compactly with its sign: formatMoneyChange(843_400) → "+843,4 tn kr". */
export function formatMoneyChange(value: number, {locale, currency}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero"
  }).format(value);
}

/** Format a share 0–1 as a percentage: formatPercent(0.4123) → "41,2 %". */
export function formatPercent(value: number, {locale}: FormatOptions = DEFAULT_FORMAT, digits = 1): string {
  return numberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(value);
}

/** Format a relative change with its sign: formatChange(0.042) → "+4,2 %". */
export function formatChange(value: number, {locale}: FormatOptions = DEFAULT_FORMAT): string {
  return numberFormat(locale, {style: "percent", signDisplay: "always", maximumFractionDigits: 1}).format(value);
}

/** Format a signed change in percentage points: formatPoints(0.012) → "+1,2 p.e." (sv) / "+1.2 pp" (other). */
export function formatPoints(value: number, {locale}: FormatOptions = DEFAULT_FORMAT): string {
  const number = numberFormat(locale, {signDisplay: "always", maximumFractionDigits: 1}).format(value * 100);
  return `${number} ${locale.startsWith("sv") ? "p.e." : "pp"}`;
}

/**
 * The d3-format locale definition Vega uses for axis and tooltip formats, derived from Intl so that any
 * locale works: decimal and group separators, and the currency symbol placed as the locale places it.
 */
export function vegaFormatLocale({locale, currency}: FormatOptions = DEFAULT_FORMAT): Record<string, unknown> {
  const parts = new Intl.NumberFormat(locale, {style: "currency", currency}).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const group = parts.find((p) => p.type === "group")?.value ?? ",";
  const symbol = parts.find((p) => p.type === "currency")?.value ?? currency;
  const currencyIndex = parts.findIndex((p) => p.type === "currency");
  const integerIndex = parts.findIndex((p) => p.type === "integer");
  const before = currencyIndex < integerIndex;
  const spaced = parts.some((p) => p.type === "literal" && /\s/.test(p.value));
  const pad = spaced ? "\u00a0" : "";
  return {
    decimal,
    thousands: group,
    grouping: [3],
    currency: before ? [symbol + pad, ""] : ["", pad + symbol],
    minus: "\u2212",
    percent: locale.startsWith("sv") || locale.startsWith("de") || locale.startsWith("fr") ? "\u00a0%" : "%"
  };
}

/**
 * One format per measure in charts too: axes, legends and tooltips read as the headlines and tables do
 * ("110,3 mn kr", "41,2 %", "2 125"), in the dataset's locale and currency. A chart spec names the format
 * (`axis: {...MONEY_AXIS}`, `{field: "revenue", ...MONEY}`); vl-render registers `chartFormatters` under
 * those names as Vega expression functions (Vega-Lite's custom format types).
 */
export const MONEY = {formatType: "money"} as const;
export const MONEY_EXACT = {formatType: "moneyExact"} as const;
export const MONEY_AXIS = {formatType: "moneyCompact"} as const;
export const PERCENT = {formatType: "percent"} as const;
export const PERCENT_AXIS = {formatType: "percent", format: "0"} as const;
export const COUNT = {formatType: "count"} as const;

/** The functions behind the chart formats above, for one locale and currency. */
export function chartFormatters(options: FormatOptions): Record<string, (value: unknown, format?: string) => string> {
  const number = (value: unknown, show: (n: number) => string) => {
    const n = Number(value);
    return value === null || value === undefined || !Number.isFinite(n) ? "–" : show(n);
  };
  return {
    money: (v) => number(v, (n) => formatMoney(n, options)),
    moneyExact: (v) => number(v, (n) => formatMoneyExact(n, options)),
    moneyCompact: (v) => number(v, (n) => formatMoneyCompact(n, options)),
    percent: (v, digits) => number(v, (n) => formatPercent(n, options, digits === undefined ? 1 : Number(digits))),
    count: (v) => number(v, (n) => formatInteger(n, options))
  };
}
