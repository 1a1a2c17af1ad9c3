import { inspect } from "node:util";
import { behavioursOf, mintKey } from "@byok/provider-emulator";
import { PROVIDERS, type Provider } from "@byok/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkKey, generateText, transcribe } from "../src/index";
import { MODELS, SHORT_TIMEOUT_MS, STT_MODELS, TRANSCRIBERS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();

/** Every way an error can leave this package: message, stack, JSON and util.inspect (what loggers print). */
function everyRendering(value: unknown): string {
  if (!(value instanceof Error)) return `${JSON.stringify(value)}${inspect(value, { depth: 5 })}`;
  return `${value.message}\n${value.stack}\n${JSON.stringify(value)}\n${inspect(value, { depth: 5, showHidden: true })}`;
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (err) {
    return err;
  }
}

function call(
  kind: "check" | "generate" | "transcribe",
  provider: Provider,
  apiKey: string,
  timeoutMs: number,
): Promise<unknown> {
  const baseUrl = emulator().baseUrls[provider];
  if (kind === "check") return checkKey({ provider, apiKey, baseUrl, timeoutMs });
  if (kind === "generate")
    return generateText({ provider, apiKey, baseUrl, model: MODELS[provider], prompt: "hi", timeoutMs });
  return transcribe({
    provider,
    apiKey,
    baseUrl,
    model: STT_MODELS[provider] ?? "x",
    file: { name: "a.wav", data: new Uint8Array([1]), type: "audio/wav" },
    timeoutMs,
  });
}

const kinds = fc.constantFrom("check" as const, "generate" as const, "transcribe" as const);

describe("no error or result carries the key", () => {
  it("holds for minted keys of every behaviour", { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROVIDERS),
        fc.nat(),
        kinds,
        fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/),
        async (anyProvider, pick, kind, label) => {
          const provider =
            kind === "transcribe" ? (TRANSCRIBERS[pick % TRANSCRIBERS.length] ?? anyProvider) : anyProvider;
          const behaviours = behavioursOf(provider);
          const behaviour = behaviours[pick % behaviours.length] ?? "valid";
          const apiKey = mintKey(provider, behaviour, label);
          const result = await outcome(call(kind, provider, apiKey, behaviour === "slow" ? SHORT_TIMEOUT_MS : 10_000));
          expect(everyRendering(result)).not.toContain(apiKey);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("holds for arbitrary strings pasted as keys, including control and non-ASCII characters", async () => {
    const pasted = fc
      .string({
        minLength: 14,
        maxLength: 80,
        unit: fc.constantFrom(..."abcXYZ019-_ .:/\n\t\r\u0000\u00e4\u2028\"'{}".split("")),
      })
      .filter((s) => s.trim().length >= 14);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROVIDERS), kinds, pasted, async (provider, kind, apiKey) => {
        const result = await outcome(call(kind, provider, apiKey, 10_000));
        const rendered = everyRendering(result);
        expect(rendered).not.toContain(apiKey);
        expect(rendered).not.toContain(apiKey.trim());
      }),
      { numRuns: 60 },
    );
  });
});
