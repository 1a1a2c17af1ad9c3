import { describe, expect, it } from "vitest";
import { readEntryPayload, toPayload } from "./entry";

const KEY_A = "sk-emu-valid-0123456789ab";
const KEY_B = "sk-ant-emu-valid-0123456789ab";

describe("readEntryPayload", () => {
  it("returns the keys of a well-formed entry, whatever the provider order", () => {
    expect(readEntryPayload({ providers: ["openai"], keys: { openai: KEY_A } })).toEqual({ openai: KEY_A });
    expect(readEntryPayload({ providers: ["anthropic", "openai"], keys: { openai: KEY_A, anthropic: KEY_B } })).toEqual(
      {
        openai: KEY_A,
        anthropic: KEY_B,
      },
    );
  });

  it("reads back what toPayload writes, through JSON", () => {
    const payload = toPayload({ anthropic: KEY_B, openai: KEY_A });
    expect(readEntryPayload(JSON.parse(JSON.stringify(payload)))).toEqual({ openai: KEY_A, anthropic: KEY_B });
  });

  it("returns a copy holding only the listed providers", () => {
    const keys = { openai: KEY_A };
    const out = readEntryPayload({ providers: ["openai"], keys });
    expect(out).not.toBe(keys);
  });

  it.each([
    ["null", null],
    ["a string", "openai"],
    ["an array", [{ providers: ["openai"], keys: { openai: KEY_A } }]],
    ["no providers", { keys: { openai: KEY_A } }],
    ["no keys", { providers: ["openai"] }],
    ["an extra field", { providers: ["openai"], keys: { openai: KEY_A }, extra: 1 }],
    ["empty providers", { providers: [], keys: {} }],
    ["providers not a list", { providers: "openai", keys: { openai: KEY_A } }],
    ["keys a list", { providers: ["openai"], keys: [KEY_A] }],
    ["an unknown provider", { providers: ["mistral"], keys: { mistral: KEY_A } }],
    ["a listed provider without a key", { providers: ["openai", "anthropic"], keys: { openai: KEY_A, gemini: KEY_B } }],
    ["a key for an unlisted provider", { providers: ["openai"], keys: { openai: KEY_A, anthropic: KEY_B } }],
    [
      "a duplicated provider covering an unlisted key",
      { providers: ["openai", "openai"], keys: { openai: KEY_A, anthropic: KEY_B } },
    ],
    ["an empty key", { providers: ["openai"], keys: { openai: "" } }],
    ["a key that is not a string", { providers: ["openai"], keys: { openai: 42 } }],
    ["a provider that is not a string", { providers: [1], keys: { 1: KEY_A } }],
    [
      "an inherited key",
      { providers: ["openai"], keys: Object.assign(Object.create({ openai: KEY_A }) as object, { x: 1 }) },
    ],
    ["a __proto__ key from JSON", JSON.parse(`{"providers":["openai"],"keys":{"__proto__":{"openai":"${KEY_A}"}}}`)],
  ])("refuses %s", (_, value) => {
    expect(readEntryPayload(value)).toBeNull();
  });
});
