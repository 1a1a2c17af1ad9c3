import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../providers";
import { providerOrderSchema } from "../schemas";
import { DEFAULT_PROVIDER_ORDER, completeProviderOrder } from "./provider-order";

describe("provider order", () => {
  it("defaults to the registry's order", () => {
    expect(completeProviderOrder(null)).toEqual([...PROVIDERS]);
    expect(DEFAULT_PROVIDER_ORDER).toEqual(PROVIDERS);
  });

  it("puts the named providers first and the rest in the default order", () => {
    expect(completeProviderOrder(["gemini", "groq"])).toEqual(["gemini", "groq", "openai", "anthropic"]);
  });

  it("drops names it does not know and repeats, so a stored order never fails a stage", () => {
    expect(completeProviderOrder(["mistral", "groq", "groq"])).toEqual(["groq", "openai", "anthropic", "gemini"]);
  });

  it("accepts each provider at most once from the settings page", () => {
    expect(providerOrderSchema.safeParse(["groq", "openai"]).success).toBe(true);
    expect(providerOrderSchema.safeParse(["groq", "groq"]).success).toBe(false);
    expect(providerOrderSchema.safeParse(["mistral"]).success).toBe(false);
  });
});
