import { expect, it } from "vitest";
import { needsOwnRequest } from "~/lib/trpc/links";

it("sends calls with keys or files on their own request, and batches the rest", () => {
  expect(needsOwnRequest({ context: { byokHeader: "abc" }, input: { providers: ["openai"] } })).toBe(true);
  expect(needsOwnRequest({ context: {}, input: new FormData() })).toBe(true);
  expect(needsOwnRequest({ context: {}, input: { policy: "fallback" } })).toBe(false);
  expect(needsOwnRequest({ context: { byokHeader: undefined }, input: undefined })).toBe(false);
});
