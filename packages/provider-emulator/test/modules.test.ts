import { PROVIDERS, isPlausibleKey } from "@byok/types";
import { describe, expect, it } from "vitest";
import { COMMON_BEHAVIOURS, EMULATOR_MODULES, behavioursOf, mintKey } from "../src/index";

describe.each(PROVIDERS)("emulator module · %s", (provider) => {
  const module = EMULATOR_MODULES[provider];

  it("is filed under its provider and mounted below /<provider>", () => {
    expect(module.provider).toBe(provider);
    expect(module.handler.provider).toBe(provider);
    expect(module.basePath === `/${provider}` || module.basePath.startsWith(`/${provider}/`)).toBe(true);
  });

  it("has a behaviour set that includes every common behaviour", () => {
    expect(behavioursOf(provider)).toEqual(expect.arrayContaining([...COMMON_BEHAVIOURS]));
    expect(new Set(behavioursOf(provider)).size).toBe(behavioursOf(provider).length);
  });

  it("mints keys only its own provider's shape check accepts", () => {
    const key = mintKey(provider, "valid");
    for (const other of PROVIDERS) expect(isPlausibleKey(other, key), other).toBe(other === provider);
  });
});
