/** Only same-site paths: `next=//evil.example` or `next=https://…` would make sign-in an open redirect. */
export function safeReturnPath(value: unknown, fallback = "/settings"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value;
}
