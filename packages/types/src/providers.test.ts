import { describe, expect, it } from "vitest";
import { KEY_LIKE_PATTERN, PROVIDERS, PROVIDER_LABELS, isPlausibleKey, maskKey, providerLabelList } from "./providers";

describe("providerLabelList", () => {
  it("names every provider once, the last after the conjunction", () => {
    const text = providerLabelList("or");
    for (const p of PROVIDERS) expect(text).toContain(PROVIDER_LABELS[p]);
    expect(text).toMatch(new RegExp(`, [^,]+ or ${PROVIDER_LABELS[PROVIDERS[PROVIDERS.length - 1] ?? "openai"]}$`));
  });
});

describe("lenient key shapes", () => {
  it("accepts each provider's prefix and rejects the others'", () => {
    expect(isPlausibleKey("openai", "sk-emu-valid-0123456789ab")).toBe(true);
    expect(isPlausibleKey("openai", "sk-ant-emu-valid-0123456789ab")).toBe(false);
    expect(isPlausibleKey("anthropic", "sk-ant-emu-valid-0123456789ab")).toBe(true);
    expect(isPlausibleKey("anthropic", "sk-emu-valid-0123456789ab")).toBe(false);
    expect(isPlausibleKey("gemini", "AIza-emu-valid-0123456789ab")).toBe(true);
    expect(isPlausibleKey("gemini", "sk-emu-valid-0123456789ab")).toBe(false);
  });

  it("rejects too short, too long, whitespace and foreign characters", () => {
    expect(isPlausibleKey("openai", "sk-short")).toBe(false);
    expect(isPlausibleKey("openai", `sk-${"a".repeat(300)}`)).toBe(false);
    expect(isPlausibleKey("openai", "sk-emu-valid 0123456789ab")).toBe(false);
    expect(isPlausibleKey("gemini", "AIza-emu-valid-0123456789ab\n")).toBe(false);
  });

  it("masks to a prefix and the last four characters", () => {
    expect(maskKey("sk-emu-valid-0123456789ab")).toBe("sk-…89ab");
    expect(maskKey("sk-ant-emu-valid-0123456789ab")).toBe("sk-ant-…89ab");
    expect(maskKey("AIza-emu-valid-0123456789ab")).toBe("AIza…89ab");
  });

  it("finds key-shaped strings inside text", () => {
    const text = "failed with sk-emu-quota-0123456789ab and AIza-emu-valid-0123456789ab, ok";
    expect(text.match(KEY_LIKE_PATTERN)).toEqual(["sk-emu-quota-0123456789ab", "AIza-emu-valid-0123456789ab"]);
    expect("sk-learn is a library".match(KEY_LIKE_PATTERN)).toBeNull();
  });
});
