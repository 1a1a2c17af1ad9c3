import { PROVIDERS, PROVIDER_REGISTRY, type Provider } from "./provider-registry";

export { PROVIDERS, PROVIDER_REGISTRY, providerDescriptor, type Provider } from "./provider-registry";

export function isProvider(value: unknown): value is Provider {
  return (PROVIDERS as readonly unknown[]).includes(value);
}

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = Object.fromEntries(
  PROVIDERS.map((p) => [p, PROVIDER_REGISTRY[p].label]),
) as Record<Provider, string>;

/** "OpenAI, Anthropic and Google Gemini": every provider's label, for page copy. */
export function providerLabelList(conjunction: "and" | "or"): string {
  const labels = PROVIDERS.map((p) => PROVIDER_REGISTRY[p].label);
  return labels.length < 2 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} ${conjunction} ${labels.at(-1)}`;
}

/** Providers in the order Settings → API Keys shows their cards. */
export const SETTINGS_PROVIDER_ORDER: readonly Provider[] = [...PROVIDERS].sort(
  (a, b) => PROVIDER_REGISTRY[a].settingsOrder - PROVIDER_REGISTRY[b].settingsOrder,
);

export function keyFormatHint(provider: Provider): string {
  return PROVIDER_REGISTRY[provider].key.hint;
}

/** Prefix, length and charset only (docs/providers.md): the provider call decides whether a key is good. */
export function isPlausibleKey(provider: Provider, key: string): boolean {
  return PROVIDER_REGISTRY[provider].key.pattern.test(key);
}

// Longest first, so "sk-ant-" wins over "sk-".
const MASK_PREFIXES = PROVIDERS.map((p) => PROVIDER_REGISTRY[p].key.maskPrefix).sort((a, b) => b.length - a.length);

/** `sk-…a1b2`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const head = MASK_PREFIXES.find((prefix) => key.startsWith(prefix)) ?? key.slice(0, 4);
  return `${head}…${key.slice(-4)}`;
}

/**
 * Any string shaped like a provider key (real or emulator), built from every registry entry's
 * scrubbing pattern; used by log scrubbing and leak sweeps.
 */
export const KEY_LIKE_PATTERN = new RegExp(
  `\\b(?:${PROVIDERS.map((p) => PROVIDER_REGISTRY[p].key.scrub.source).join("|")})`,
  "g",
);
