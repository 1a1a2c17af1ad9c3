import { expect, it } from "vitest";
import { formatDateTime } from "~/lib/format/date-time";

it("formats in the runtime's locale with a medium date and a short time", () => {
  const at = Date.UTC(2026, 10, 25, 14, 5);
  const expected = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
  expect(formatDateTime(at)).toBe(expected);
  expect(formatDateTime(at)).toMatch(/2026/);
});
