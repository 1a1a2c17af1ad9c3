import { isPlausibleKey, isProvider, keyFormatHint, PROVIDER_LABELS, PROVIDERS, type Provider } from "@byok/types";
import { ByokCacheError } from "./errors";

export type ByokKeys = Partial<Record<Provider, string>>;

/** The decrypted value: JSON `{ providers, keys }`. */
export interface EntryPayload {
  providers: Provider[];
  keys: ByokKeys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a decrypted entry and returns its keys, or null. Exactly `{ providers, keys }`: providers a
 * non-empty list of distinct known providers, keys holding a non-empty string for each of them and
 * nothing else. Written out rather than a zod schema because workers run it on every job, and there
 * zod's share of a job's CPU was measurable (docs/bench/pipeline.md).
 */
export function readEntryPayload(value: unknown): ByokKeys | null {
  if (!isRecord(value) || Object.keys(value).length !== 2) return null;
  const { providers, keys } = value;
  if (!Array.isArray(providers) || providers.length === 0 || !isRecord(keys)) return null;
  // Same count, and every (distinct) provider an own key of `keys`: the two sets are equal.
  if (Object.keys(keys).length !== providers.length) return null;
  const out: ByokKeys = {};
  for (const provider of providers) {
    if (!isProvider(provider) || out[provider] !== undefined || !Object.hasOwn(keys, provider)) return null;
    const key = keys[provider];
    if (typeof key !== "string" || key === "") return null;
    out[provider] = key;
  }
  return out;
}

// User ids are part of the Redis key and the additional data: no separators, bounded length.
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isUserId(userId: unknown): userId is string {
  return typeof userId === "string" && USER_ID.test(userId);
}

export function assertUserId(userId: unknown): asserts userId is string {
  if (!isUserId(userId)) {
    throw new ByokCacheError("BAD_USER_ID", "User ids are 1-128 characters of A-Z, a-z, 0-9, _ or -.");
  }
}

/** Checks keys before they are cached; providers come back in catalogue order. */
export function toPayload(keys: unknown): EntryPayload {
  if (keys === null || typeof keys !== "object" || Array.isArray(keys)) {
    throw new ByokCacheError("BAD_KEYS", "Keys must be an object of provider to key.");
  }
  const entries = Object.entries(keys).filter(([, key]) => key !== undefined);
  for (const [provider, key] of entries) {
    if (!isProvider(provider))
      throw new ByokCacheError("BAD_KEYS", `Unsupported provider (supported: ${PROVIDERS.join(", ")}).`);
    if (typeof key !== "string" || !isPlausibleKey(provider, key)) {
      throw new ByokCacheError(
        "BAD_KEYS",
        `The ${PROVIDER_LABELS[provider]} key does not have the expected shape. ${keyFormatHint(provider)}`,
      );
    }
  }
  const present = new Map(entries as Array<[Provider, string]>);
  const providers = PROVIDERS.filter((p) => present.has(p));
  if (providers.length === 0) throw new ByokCacheError("BAD_KEYS", "At least one provider key is needed.");
  return { providers, keys: Object.fromEntries(providers.map((p) => [p, present.get(p)])) as ByokKeys };
}

/** The `p` field: a comma-separated list of known providers (split never yields an empty list). */
export function parseProviderList(field: string): Provider[] | null {
  const providers = field.split(",");
  return providers.every(isProvider) ? providers : null;
}
