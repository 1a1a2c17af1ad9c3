const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatTime(ms: number): string {
  return formatter.format(new Date(ms));
}
