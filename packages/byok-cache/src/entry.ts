import { isPlausibleKey, PROVIDERS, providerSchema, type Provider } from "@byok/types";
import { z } from "zod";
import { ByokCacheError } from "./errors";

export type ByokKeys = Partial<Record<Provider, string>>;

/** The decrypted value: JSON `{ providers, keys }`. */
export const entryPayloadSchema = z
  .object({
    providers: z.array(providerSchema).min(1),
    keys: z.partialRecord(providerSchema, z.string().min(1)),
  })
  .strict()
  .refine((p) => p.providers.length === Object.keys(p.keys).length && p.providers.every((id) => p.keys[id]));

export type EntryPayload = z.infer<typeof entryPayloadSchema>;

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
  for (const [name, key] of entries) {
    const provider = providerSchema.safeParse(name);
    if (!provider.success) throw new ByokCacheError("BAD_KEYS", `Unsupported provider (supported: ${PROVIDERS.join(", ")}).`);
    if (typeof key !== "string" || !isPlausibleKey(provider.data, key)) {
      throw new ByokCacheError("BAD_KEYS", `The ${provider.data} key does not have the shape of a ${provider.data} key.`);
    }
  }
  const present = new Map(entries as Array<[Provider, string]>);
  const providers = PROVIDERS.filter((p) => present.has(p));
  if (providers.length === 0) throw new ByokCacheError("BAD_KEYS", "At least one provider key is needed.");
  return { providers, keys: Object.fromEntries(providers.map((p) => [p, present.get(p)])) as ByokKeys };
}

export function parseProviderList(field: string): Provider[] | null {
  const parsed = z.array(providerSchema).min(1).safeParse(field.split(","));
  return parsed.success ? parsed.data : null;
}
