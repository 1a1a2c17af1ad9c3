import { describe, expect, it } from "vitest";
import { keyUnlocks, tierSentence } from "~/components/settings/key-unlocks";

describe("keyUnlocks", () => {
  it("lists an OpenAI key's models by stage on Pro, best first, and names the plan o3 needs", () => {
    const unlocks = keyUnlocks("openai", "pro");
    expect(unlocks.stages).toEqual([
      { task: "stt", offered: true, models: ["Whisper"] },
      { task: "analysis", offered: true, models: ["GPT-4.1", "GPT-4.1 mini", "GPT-4o mini"] },
    ]);
    expect(unlocks.locked).toEqual([{ label: "o3", tier: 3, plan: "business" }]);
  });

  it("says Anthropic does no speech-to-text, and keeps Free to tiers 0 and 1", () => {
    const unlocks = keyUnlocks("anthropic", "free");
    expect(unlocks.stages[0]).toEqual({ task: "stt", offered: false, models: [] });
    expect(unlocks.stages[1]?.models).toEqual(["Claude Haiku 4.5"]);
    expect(unlocks.locked.map((m) => [m.label, m.plan])).toEqual([
      ["Claude Sonnet 4.6", "pro"],
      ["Claude Opus 4.7", "business"],
    ]);
  });

  it("locks nothing on Business", () => {
    expect(keyUnlocks("gemini", "business").locked).toEqual([]);
  });
});

describe("tierSentence", () => {
  it("explains tiers and the plan's ceiling in one sentence", () => {
    expect(tierSentence("start")).toBe(
      "Every model has a tier from 0 (lightest) to 3 (most capable); the Start plan runs models up to tier 1.",
    );
  });
});
