/**
 * The one date and time format of the app: the browser's locale, medium date and short time
 * ("25 Nov 2026, 14:05" in en-GB). Only client components call it, after data arrived in the
 * browser, so the server's locale never renders a date that the browser then disagrees with.
 */
const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(ms: number): string {
  return formatter.format(new Date(ms));
}
