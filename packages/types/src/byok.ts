import { z } from "zod";
import { failureReasonSchema } from "./failure-reasons";
import { providerSchema } from "./providers";

export const KEY_SOURCES = ["byok", "server"] as const;
export const keySourceSchema = z.enum(KEY_SOURCES);
export type KeySource = z.infer<typeof keySourceSchema>;

export const BYOK_POLICIES = ["fallback", "byok_only"] as const;
export const byokPolicySchema = z.enum(BYOK_POLICIES);
export type ByokPolicy = z.infer<typeof byokPolicySchema>;

/** Seconds a cached BYOK entry lives in Redis (5 minutes). The one TTL constant. */
export const BYOK_CACHE_TTL_SECONDS = 300;

/** Opaque reference to a cached set of keys: 32 random bytes, base64url. */
const BYOK_REF_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const byokRefSchema = z.string().regex(BYOK_REF_PATTERN, "not a BYOK reference");
export type ByokRef = z.infer<typeof byokRefSchema>;

/** The schema's test without zod: the workers check a reference on every job. */
export function isByokRef(value: unknown): value is ByokRef {
  return typeof value === "string" && BYOK_REF_PATTERN.test(value);
}

export const BYOK_HEADER = "x-byok-key";
export const BYOK_HEADER_MAX_BYTES = 4096;

/** Which key paid for one provider call, and why if it was not the user's. */
export const attributionSchema = z.object({
  provider: providerSchema,
  model: z.string(),
  tier: z.number().int().min(0).max(3),
  keySource: keySourceSchema,
  fallbackReason: failureReasonSchema.nullable(),
});
export type Attribution = z.infer<typeof attributionSchema>;
