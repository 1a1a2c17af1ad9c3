import { describe, expect, it } from "vitest";
import { MODEL_CATALOG, PLANS, PLAN_MAX_TIER, allowedModels, findModel, tierAllowed } from "./plans";
import { PROVIDERS, PROVIDER_REGISTRY } from "./providers";

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

  it("offers every plan a model of each provider for each task the provider can do", () => {
    for (const plan of PLANS) {
      for (const provider of PROVIDERS) {
        for (const task of ["stt", "analysis"] as const) {
          const offered = allowedModels(plan, task, provider).length > 0;
          expect(offered, `${plan} ${provider} ${task}`).toBe(PROVIDER_REGISTRY[provider].capabilities[task]);
        }
      }
    }
  });

  it("keeps OpenAI's Whisper first for transcription among equal tiers (registry order)", () => {
    expect(allowedModels("free", "stt")[0]?.id).toBe("whisper-1");
  });

  it("sorts allowed models best first and has unique ids", () => {
    const tiers = allowedModels("business", "analysis").map((m) => m.tier);
    expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
    expect(new Set(MODEL_CATALOG.map((m) => `${m.id} ${m.task}`)).size).toBe(MODEL_CATALOG.length);
    expect(findModel("gpt-4o-mini")?.provider).toBe("openai");
    expect(findModel("nope")).toBeUndefined();
    expect(PLAN_MAX_TIER.pro).toBe(2);
  });
});
