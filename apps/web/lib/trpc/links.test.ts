import { expect, it } from "vitest";
import { needsOwnRequest } from "~/lib/trpc/links";

it("sends calls with keys on their own request, and batches the rest", () => {
  expect(needsOwnRequest({ context: { byokHeader: "abc" } })).toBe(true);
  expect(needsOwnRequest({ context: {} })).toBe(false);
  expect(needsOwnRequest({ context: { byokHeader: undefined } })).toBe(false);
});
