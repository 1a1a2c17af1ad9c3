import { expect, it } from "vitest";
import { secondsLeft } from "~/components/ui/use-countdown";

it("counts whole seconds up, so the last second still shows 1 and the end shows 0", () => {
  expect(secondsLeft(null, 1000)).toBe(0);
  expect(secondsLeft(43_000, 1000)).toBe(42);
  expect(secondsLeft(43_000, 41_500)).toBe(2);
  expect(secondsLeft(43_000, 42_999)).toBe(1);
  expect(secondsLeft(43_000, 43_000)).toBe(0);
  expect(secondsLeft(43_000, 50_000)).toBe(0);
});
