import { expect, it } from "vitest";

it("the browser's instrumentation leaves zod jitless without importing it", async () => {
  await import("~/instrumentation-client");
  const { z } = await import("zod");
  expect(z.config().jitless).toBe(true);
});
