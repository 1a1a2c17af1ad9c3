import { z } from "zod";
import { providerSchema } from "./providers";

export const KEY_SOURCES = ["byok", "server"] as const;
export const keySourceSchema = z.enum(KEY_SOURCES);
export type KeySource = z.infer<typeof keySourceSchema>;

/** Why a user's key was not (or could not be) used (docs/decisions.md, Decisions: fallback). */
export const FAILURE_REASONS = [
  "invalid_key",
  "quota_exceeded",
  "rate_limited",
  "provider_unavailable",
  "timeout",
  "byok_expired",
  "tier_not_allowed",
] as const;
export const failureReasonSchema = z.enum(FAILURE_REASONS);
export type FailureReason = z.infer<typeof failureReasonSchema>;

/** Failures worth trying again later with the same key; the rest need the user to act. */
export const TRANSIENT_REASONS: ReadonlySet<FailureReason> = new Set([
  "rate_limited",
  "provider_unavailable",
  "timeout",
]);

export const FAILURE_MESSAGES: Record<FailureReason, string> = {
  invalid_key: "The provider rejected this key. Check that it was copied whole and has not been revoked.",
  quota_exceeded: "This key has run out of quota or credit with the provider.",
  rate_limited: "The provider is rate-limiting this key. Try again in a minute.",
  provider_unavailable: "The provider is having trouble right now. Try again shortly.",
  timeout: "The provider did not answer in time.",
  byok_expired: "Your keys were no longer cached for this job (they expire after 5 minutes).",
  tier_not_allowed: "Your plan does not include this model tier.",
};

export const BYOK_POLICIES = ["fallback", "byok_only"] as const;
export const byokPolicySchema = z.enum(BYOK_POLICIES);
export type ByokPolicy = z.infer<typeof byokPolicySchema>;

/** Seconds a cached BYOK entry lives in Redis (spec: 5 minutes). The one TTL constant. */
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
