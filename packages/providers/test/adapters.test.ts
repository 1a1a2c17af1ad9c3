import { PROVIDERS, PROVIDER_REGISTRY } from "@byok/types";
import { describe, expect, it } from "vitest";
import { ADAPTERS } from "../src/index";

describe.each(PROVIDERS)("adapter · %s", (provider) => {
  const adapter = ADAPTERS[provider];

  it("has a key test, text generation and an error classifier", () => {
    expect(typeof adapter.checkKey).toBe("function");
    expect(typeof adapter.generateText).toBe("function");
    expect(typeof adapter.classify).toBe("function");
  });

  it("transcribes exactly when the registry says the provider can", () => {
    expect(typeof adapter.transcribe === "function").toBe(PROVIDER_REGISTRY[provider].capabilities.stt);
  });

  it("leaves errors of other SDKs to the generic rules", () => {
    expect(adapter.classify(new Error("not an SDK error"))).toBeUndefined();
  });
});
