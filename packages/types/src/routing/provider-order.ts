import { PROVIDERS, type Provider } from "../providers";

/** The order a user's keys are tried in when they chose none: the registry's (docs/billing.md). */
export const DEFAULT_PROVIDER_ORDER: readonly Provider[] = PROVIDERS;

/**
 * A complete order from a stored or chosen one: the known providers it names, once each, in its
 * order, then every other provider in the default order. Unknown names (a provider removed from
 * the registry since the order was saved) are dropped rather than failing the stage.
 */
export function completeProviderOrder(order: readonly string[] | null | undefined): Provider[] {
  const named = (order ?? []).filter((p): p is Provider => (PROVIDERS as readonly string[]).includes(p));
  return [...new Set([...named, ...DEFAULT_PROVIDER_ORDER])];
}
