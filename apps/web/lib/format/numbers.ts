/**
 * Numbers and money in the reader's locale, from one place like dates (date-time.ts). Estimates
 * are small (a transcription costs fractions of a cent), so money keeps up to 4 decimals rather
 * than rounding a month of calls to "$0.00". Months and days are UTC calendar dates, so they read
 * the same wherever they are formatted.
 */
export interface NumberFormats {
  formatCount(value: number): string;
  formatDecimal(value: number): string;
  formatUsd(value: number): string;
  /** "YYYY-MM" (a UTC month) as "November 2026". */
  formatMonth(month: string): string;
  /** "YYYY-MM-DD" (a calendar day, like a price table's date) without shifting it by the time zone. */
  formatDay(day: string): string;
}

/** `locales` undefined: the browser's (or the process's) own; a server page passes the request's. */
export function numberFormats(locales?: string[]): NumberFormats {
  const count = new Intl.NumberFormat(locales, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locales, { maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat(locales, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  });
  const monthFormat = new Intl.DateTimeFormat(locales, { year: "numeric", month: "long", timeZone: "UTC" });
  const dayFormat = new Intl.DateTimeFormat(locales, { dateStyle: "medium", timeZone: "UTC" });
  return {
    formatCount: (value) => count.format(value),
    formatDecimal: (value) => decimal.format(value),
    formatUsd: (value) => usd.format(value),
    formatMonth: (month) => {
      const [year, index] = month.split("-").map(Number);
      return monthFormat.format(new Date(Date.UTC(year ?? 1970, (index ?? 1) - 1, 1)));
    },
    formatDay: (day) => {
      const [year, month, date] = day.split("-").map(Number);
      return dayFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1)));
    },
  };
}

/** The browser's locale, for client components. */
export const { formatCount, formatDecimal, formatUsd, formatMonth, formatDay } = numberFormats();

/**
 * The locales an Accept-Language header asks for, best first, keeping only tags Intl accepts:
 * a server-rendered page formats in the reader's language, as a client component would.
 */
export function requestLocales(acceptLanguage: string | null): string[] {
  if (!acceptLanguage) return [];
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .map((p) => p.trim())
          .find((p) => p.startsWith("q="))
          ?.slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const locales: string[] = [];
  for (const { tag } of ranked) {
    try {
      locales.push(...Intl.getCanonicalLocales(tag));
    } catch {
      // Not a language tag: skip it.
    }
  }
  return [...new Set(locales)].slice(0, 8);
}
