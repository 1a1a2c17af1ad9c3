import { describe, expect, it } from "vitest";
import { isByokRef } from "./byok";
import { byokRefSchema } from "./schemas";
import { PROVIDERS, isProvider } from "./providers";

describe("isByokRef", () => {
  it.each([
    ["A".repeat(43), true],
    ["aZ09_-".repeat(7) + "x", true],
    ["A".repeat(42), false],
    ["A".repeat(44), false],
    [`${"A".repeat(42)}=`, false],
    [`${"A".repeat(42)}+`, false],
    [`${"A".repeat(42)}\n`, false],
    ["", false],
    [42, false],
    [null, false],
  ])("%j → %s, as the schema says", (value, expected) => {
    expect(isByokRef(value)).toBe(expected);
    expect(byokRefSchema.safeParse(value).success).toBe(expected);
  });
});

describe("isProvider", () => {
  it("knows exactly the catalogue's providers", () => {
    for (const p of PROVIDERS) expect(isProvider(p)).toBe(true);
    for (const v of ["OpenAI", "mistral", "", null, 1, "openai "]) expect(isProvider(v)).toBe(false);
  });
});
