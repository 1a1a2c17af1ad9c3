import type { ProviderDescriptor } from "./provider-descriptor";
import { anthropic } from "./registry/anthropic";
import { gemini } from "./registry/gemini";
import { groq } from "./registry/groq";
import { openai } from "./registry/openai";

/**
 * The one list of providers. Adding a provider is an entry here (its browser-safe descriptor), its
 * adapter in @byok/providers and its module in @byok/provider-emulator; the compiler names every
 * other place through `Record<Provider, …>`. Order is routing order among models of equal tier.
 */
const DESCRIPTORS = [openai, anthropic, gemini, groq] as const;

export type Provider = (typeof DESCRIPTORS)[number]["id"];

export const PROVIDERS = DESCRIPTORS.map((d) => d.id) as unknown as readonly [Provider, ...Provider[]];

type Registry = { readonly [P in Provider]: Extract<(typeof DESCRIPTORS)[number], { id: P }> };

export const PROVIDER_REGISTRY: Registry = Object.freeze(
  Object.fromEntries(DESCRIPTORS.map((d) => [d.id, d])) as unknown as Registry,
);

export function providerDescriptor(provider: Provider): ProviderDescriptor<Provider> {
  return PROVIDER_REGISTRY[provider];
}
