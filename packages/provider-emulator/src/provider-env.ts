import { PROVIDERS, PROVIDER_REGISTRY, type Provider } from "@byok/types";

/**
 * The environment that points every registry provider at an emulator: each base URL variable,
 * and each platform key that is given. Built from the registry, so a provider added there is
 * pointed at the emulator too and no emulator key can reach its real API.
 */
export function emulatorProviderEnv(
  baseUrls: Record<Provider, string>,
  serverKeys: Partial<Record<Provider, string>> = {},
): Record<string, string> {
  return Object.fromEntries(
    PROVIDERS.flatMap((p) => [
      [PROVIDER_REGISTRY[p].env.baseUrl, baseUrls[p]],
      [PROVIDER_REGISTRY[p].env.apiKey, serverKeys[p] ?? ""],
    ]),
  );
}
