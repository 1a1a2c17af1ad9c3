import { mintKey } from "@byok/provider-emulator";
import { isPlausibleKey, PROVIDERS, type Provider } from "@byok/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByokHeaderError, decodeByokHeader, encodeByokHeader, type ByokKeys } from "./index";

const b64u = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const ERROR_CODES = [
  "TOO_LARGE",
  "BAD_ENCODING",
  "BAD_JSON",
  "UNKNOWN_PROVIDER",
  "DUPLICATE_PROVIDER",
  "BAD_KEY_SHAPE",
  "EMPTY",
];

function errorOf(value: string | null) {
  const result = decodeByokHeader(value);
  if (result.ok) throw new Error("expected the header to be refused");
  expect(result.error).toBeInstanceOf(ByokHeaderError);
  return result.error;
}

/** No message may carry the key, nor any 8-character piece of it. */
function expectNoKeyIn(text: string, key: string) {
  for (let i = 0; i + 8 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 8));
}

const label = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"),
  minLength: 8,
  maxLength: 16,
});
const behaviour = fc.constantFrom("valid", "invalid", "quota", "ratelimit", "error", "slow" as const);
const keysArb: fc.Arbitrary<ByokKeys> = fc
  .record(
    Object.fromEntries(
      PROVIDERS.map((p) => [p, fc.tuple(behaviour, label).map(([b, l]) => mintKey(p, b, l))]),
    ) as Record<Provider, fc.Arbitrary<string>>,
    { requiredKeys: [] },
  )
  .filter((keys) => Object.keys(keys).length > 0);

describe("X-BYOK-Key header codec", () => {
  it("round-trips emulator keys for every provider", () => {
    const keys = {
      openai: mintKey("openai", "valid"),
      anthropic: mintKey("anthropic", "quota"),
      gemini: mintKey("gemini", "slow"),
    };
    const value = encodeByokHeader(keys);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeByokHeader(value)).toEqual({ ok: true, keys, providers: ["openai", "anthropic", "gemini"] });
  });

  it("round-trips any set of keys (property)", () => {
    fc.assert(
      fc.property(keysArb, (keys) => {
        const decoded = decodeByokHeader(encodeByokHeader(keys));
        expect(decoded).toEqual({ ok: true, keys, providers: Object.keys(keys) });
      }),
    );
  });

  it("skips providers whose key is undefined when encoding", () => {
    const openai = mintKey("openai", "valid");
    expect(decodeByokHeader(encodeByokHeader({ openai, gemini: undefined }))).toMatchObject({ keys: { openai } });
  });

  it("accepts surrounding whitespace, which HTTP does not count as part of a header value", () => {
    const value = b64u(JSON.stringify({ openai: mintKey("openai", "valid", "spaced_value") }));
    expect(decodeByokHeader(` ${value} `).ok).toBe(true);
  });

  it("refuses padding: one spelling per value (docs/decisions.md, Encodings)", () => {
    const value = b64u(JSON.stringify({ openai: mintKey("openai", "valid", "padded_value") }));
    expect(value.length % 4).not.toBe(0);
    const padded = value + "=".repeat(4 - (value.length % 4));
    expect(errorOf(padded).code).toBe("BAD_ENCODING");
  });

  it.each([
    ["absent header", null, "EMPTY"],
    ["empty value", "", "EMPTY"],
    ["blank value", "   ", "EMPTY"],
    ["empty object", b64u("{}"), "EMPTY"],
    ["standard base64 alphabet", `${b64u(JSON.stringify({ openai: "sk-emu-valid-aaaa" }))}+/`, "BAD_ENCODING"],
    ["impossible length", "abcde", "BAD_ENCODING"],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64url"), "BAD_ENCODING"],
    ["non-ASCII text", "ключ", "BAD_ENCODING"],
    ["not JSON", b64u("openai=sk-emu-valid-a"), "BAD_JSON"],
    ["JSON array", b64u('["openai"]'), "BAD_JSON"],
    ["JSON string", b64u('"openai"'), "BAD_JSON"],
    ["JSON null", b64u("null"), "BAD_JSON"],
    ["unknown provider", b64u('{"mistral":"sk-emu-valid-abcdef123456"}'), "UNKNOWN_PROVIDER"],
    ["__proto__ member", b64u('{"__proto__":{"openai":"x"}}'), "UNKNOWN_PROVIDER"],
    ["non-string key", b64u('{"openai":12345678901234567890}'), "BAD_KEY_SHAPE"],
    ["nested key", b64u('{"openai":{"key":"sk-emu-valid-abcdef"}}'), "BAD_KEY_SHAPE"],
  ])("refuses %s with %s", (_name, value, code) => {
    expect(errorOf(value).code).toBe(code);
  });

  it("refuses a value over 4 KiB before decoding it", () => {
    const big = encodeByokHeader({ openai: mintKey("openai", "valid") }).padEnd(4097, "A");
    expect(errorOf(big).code).toBe("TOO_LARGE");
    expect(errorOf("é".repeat(2049)).code).toBe("TOO_LARGE");
  });

  it("detects duplicate providers that JSON.parse would silently merge", () => {
    const first = mintKey("openai", "valid", "first");
    const second = mintKey("openai", "invalid", "second");
    for (const json of [
      `{"openai":"${first}","openai":"${second}"}`,
      `{"openai":"${first}", "op\\u0065nai" : "${second}"}`,
      `{ "openai" : "${first}" ,"gemini":"${mintKey("gemini", "valid")}","openai":"${second}"}`,
    ]) {
      const error = errorOf(b64u(json));
      expect(error.code).toBe("DUPLICATE_PROVIDER");
      expect(error.provider).toBe("openai");
      expect(error.message).toContain("openai");
      expectNoKeyIn(error.message, first);
      expectNoKeyIn(error.message, second);
    }
  });

  it("names the provider whose key has the wrong shape, never the key", () => {
    const anthropicKey = mintKey("anthropic", "valid", "misplaced");
    const error = errorOf(b64u(JSON.stringify({ openai: anthropicKey })));
    expect(error).toMatchObject({ code: "BAD_KEY_SHAPE", provider: "openai" });
    expect(error.message).toContain("OpenAI");
    expectNoKeyIn(error.message, anthropicKey);
    expectNoKeyIn(error.message, "anthropic");
  });

  it("encode refuses what decode would refuse", () => {
    expect(() => encodeByokHeader({})).toThrow(ByokHeaderError);
    expect(() => encodeByokHeader({ gemini: "not-a-key" })).toThrow(expect.objectContaining({ code: "BAD_KEY_SHAPE" }));
    expect(() => encodeByokHeader({ ["mistral" as Provider]: mintKey("openai", "valid") })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_PROVIDER" }),
    );
  });
});

describe("decodeByokHeader on arbitrary input (fast-check)", () => {
  const anyValue = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 5000 }),
    fc.base64String().map((s) => s.replace(/\+/g, "-").replace(/\//g, "_")),
    fc.jsonValue().map((v) => b64u(JSON.stringify(v))),
    fc
      .dictionary(
        fc.constantFrom("openai", "anthropic", "gemini", "x", "__proto__"),
        fc.oneof(fc.string(), fc.jsonValue()),
      )
      .map((d) => b64u(JSON.stringify(d))),
  );

  it("returns valid keys or a typed error, never throws", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = decodeByokHeader(value);
        if (result.ok) {
          expect(result.providers.length).toBeGreaterThan(0);
          for (const p of result.providers) expect(isPlausibleKey(p, result.keys[p] ?? "")).toBe(true);
        } else {
          expect(result.error).toBeInstanceOf(ByokHeaderError);
          expect(ERROR_CODES).toContain(result.error.code);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("never puts a key in an error message, however the header is wrong", () => {
    const keyArb = fc.tuple(fc.constantFrom(...PROVIDERS), behaviour, label).map(([p, b, l]) => mintKey(p, b, l));
    const breakage = fc.constantFrom(
      "duplicate",
      "unknown",
      "wrong-provider",
      "as-name",
      "truncated-json",
      "extra-junk",
      "too-large",
    );
    fc.assert(
      fc.property(keyArb, breakage, fc.constantFrom(...PROVIDERS), (key, how, provider) => {
        const json = {
          duplicate: `{"${provider}":"${key}","${provider}":"${key}"}`,
          unknown: `{"other":"${key}"}`,
          "wrong-provider": JSON.stringify({ [provider]: `${key}!` }),
          "as-name": `{"${key}":"${provider}"}`,
          "truncated-json": `{"${provider}":"${key}`,
          "extra-junk": `{"${provider}":"${key}"}}`,
          "too-large": JSON.stringify({ [provider]: key, pad: "x".repeat(4000) }),
        }[how];
        const error = errorOf(b64u(json));
        expectNoKeyIn(error.message, key);
        expectNoKeyIn(JSON.stringify(error), key);
      }),
      { numRuns: 1000 },
    );
  });
});
