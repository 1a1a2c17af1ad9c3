import { startEmulator, type Emulator } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY, allowedModels, type Provider } from "@byok/types";
import { afterAll, beforeAll } from "vitest";

// A short slowMs keeps the suite quick; timeout cases use a client timeout far below it.
export const SLOW_MS = 1000;
export const SHORT_TIMEOUT_MS = 50;

/** One emulator per test file, on a free loopback port. */
export function useEmulator(): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ slowMs: SLOW_MS });
  });
  afterAll(async () => {
    await emu?.close();
  });
  return () => {
    if (!emu) throw new Error("emulator not started");
    return emu;
  };
}

/** Each provider's cheapest analysis model. */
export const MODELS = Object.fromEntries(
  PROVIDERS.map((p) => [p, allowedModels("business", "analysis", p).at(-1)?.id ?? ""]),
) as Record<Provider, string>;

/** Each provider's cheapest transcription model, for the providers that transcribe. */
export const STT_MODELS: Partial<Record<Provider, string>> = Object.fromEntries(
  PROVIDERS.filter((p) => PROVIDER_REGISTRY[p].capabilities.stt).map((p) => [
    p,
    allowedModels("business", "stt", p).at(-1)?.id ?? "",
  ]),
);

export const TRANSCRIBERS = PROVIDERS.filter((p) => PROVIDER_REGISTRY[p].capabilities.stt);
