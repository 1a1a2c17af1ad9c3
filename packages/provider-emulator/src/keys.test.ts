import { PROVIDERS, isPlausibleKey } from "@byok/types";
import { describe, expect, it } from "vitest";
import { InvalidKeyLabelError, behavioursOf, keyBehaviour, keyFingerprint, mintKey } from "./index";

// Shapes of real keys (docs/providers.md): an emulator key must match none of them.
const REAL_KEY_SHAPES = [
  /^sk-proj-/,
  /T3BlbkFJ/,
  /^sk-ant-api\d\d-/,
  /^AIza[A-Za-z0-9_-]{35}$/,
  /^gsk_[A-Za-z0-9]{52}$/,
];

describe("mintKey", () => {
  it("writes the behaviour and label into the provider's key shape", () => {
    expect(mintKey("openai", "quota", "abc")).toBe("sk-emu-quota-abc");
    expect(mintKey("anthropic", "valid", "abc")).toBe("sk-ant-emu-valid-abc");
    expect(mintKey("gemini", "slow", "abc")).toBe("AIza-emu-slow-abc");
    expect(mintKey("groq", "valid", "abc")).toBe("gsk_emu-valid-abc");
  });

  it("defaults the label to 12 random hex characters", () => {
    const a = mintKey("openai", "valid");
    const b = mintKey("openai", "valid");
    expect(a).toMatch(/^sk-emu-valid-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it("mints keys that pass the app's lenient shape check and look like no real key", () => {
    for (const provider of PROVIDERS) {
      for (const behaviour of behavioursOf(provider)) {
        for (const label of [undefined, "x".repeat(16)]) {
          const key = mintKey(provider, behaviour, label);
          expect(isPlausibleKey(provider, key), key).toBe(true);
          for (const shape of REAL_KEY_SHAPES) expect(key).not.toMatch(shape);
          if (provider === "gemini") expect(key.length - "AIza".length).toBeLessThan(35);
        }
      }
    }
  });

  it("rejects labels that are empty, too long or would blur the format", () => {
    for (const label of ["", "a".repeat(17), "a-b", "a b", "ü"]) {
      expect(() => mintKey("gemini", "valid", label)).toThrow(InvalidKeyLabelError);
    }
  });
});

describe("keyBehaviour", () => {
  it("reads back every behaviour for the provider the key was minted for", () => {
    for (const provider of PROVIDERS) {
      for (const behaviour of behavioursOf(provider))
        expect(keyBehaviour(provider, mintKey(provider, behaviour))).toBe(behaviour);
    }
  });

  it("does not accept another provider's key or anything it did not mint", () => {
    expect(keyBehaviour("openai", mintKey("anthropic", "valid"))).toBeNull();
    expect(keyBehaviour("anthropic", mintKey("openai", "valid"))).toBeNull();
    expect(keyBehaviour("gemini", mintKey("openai", "valid"))).toBeNull();
    for (const key of [
      "",
      "sk-emu-",
      "sk-emu-valid",
      "sk-emu-valid-",
      "sk-emu-happy-abc",
      "sk-emu-valid-a-b",
      "sk-not-emu-valid-abc",
    ]) {
      expect(keyBehaviour("openai", key), key).toBeNull();
    }
  });
});

describe("keyFingerprint", () => {
  it("is the first 16 hex characters of the key's sha256", () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(keyFingerprint("abc")).toBe("ba7816bf8f01cfea");
    expect(keyFingerprint(mintKey("openai", "valid", "a"))).not.toBe(keyFingerprint(mintKey("openai", "valid", "b")));
  });
});
