import { describe, expect, it } from "vitest";
import { MODEL_CATALOG, PLANS, PLAN_MAX_TIER, allowedModels, findModel, tierAllowed } from "./plans";

describe("plans and tiers", () => {
  it("keeps free and start on tiers 0–1 for every task and provider", () => {
    for (const plan of ["free", "start"] as const) {
      for (const model of allowedModels(plan, "analysis")) expect(model.tier).toBeLessThanOrEqual(1);
      expect(tierAllowed(plan, 2)).toBe(false);
    }
  });

  it("lets pro reach a tier-2 model and business tier 3", () => {
    expect(allowedModels("pro", "analysis").some((m) => m.tier === 2)).toBe(true);
    expect(allowedModels("business", "analysis")[0]?.tier).toBe(3);
  });

  it("offers every plan at least one model per provider for analysis and whisper for stt", () => {
    for (const plan of PLANS) {
      for (const provider of ["openai", "anthropic", "gemini"] as const) {
        expect(allowedModels(plan, "analysis", provider).length).toBeGreaterThan(0);
      }
      expect(allowedModels(plan, "stt").map((m) => m.id)).toEqual(["whisper-1"]);
    }
  });

  it("sorts allowed models best first and has unique ids", () => {
    const tiers = allowedModels("business", "analysis").map((m) => m.tier);
    expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
    expect(new Set(MODEL_CATALOG.map((m) => m.id)).size).toBe(MODEL_CATALOG.length);
    expect(findModel("gpt-4o-mini")?.provider).toBe("openai");
    expect(findModel("nope")).toBeUndefined();
    expect(PLAN_MAX_TIER.pro).toBe(2);
  });
});
