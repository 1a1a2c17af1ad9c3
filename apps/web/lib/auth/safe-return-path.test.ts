import { expect, it } from "vitest";
import { safeReturnPath } from "~/lib/auth/safe-return-path";

it("keeps same-site paths and refuses anything that could leave the site", () => {
  expect(safeReturnPath("/settings/api-keys?x=1")).toBe("/settings/api-keys?x=1");
  for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "settings", "", null, 42]) {
    expect(safeReturnPath(bad)).toBe("/settings");
  }
});
