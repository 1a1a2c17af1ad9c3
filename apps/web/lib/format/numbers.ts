/**
 * Numbers and money in the browser's locale, from one place like dates (date-time.ts). Estimates
 * are small (a transcription costs fractions of a cent), so money keeps up to 4 decimals rather
 * than rounding a month of calls to "$0.00". Only client components call these.
 */
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });
const monthFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "long", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export function formatCount(value: number): string {
  return count.format(value);
}

export function formatDecimal(value: number): string {
  return decimal.format(value);
}

export function formatUsd(value: number): string {
  return usd.format(value);
}

/** "YYYY-MM" (a UTC month) as "November 2026" in the browser's language. */
export function formatMonth(month: string): string {
  const [year, index] = month.split("-").map(Number);
  return monthFormat.format(new Date(Date.UTC(year ?? 1970, (index ?? 1) - 1, 1)));
}

/** "YYYY-MM-DD" (a calendar day, like a price table's date) without shifting it by the time zone. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return dayFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1)));
}
