import { z } from "zod";
import {
  BYOK_POLICIES,
  BYOK_REF_PATTERN,
  KEY_SOURCES,
  type Attribution,
  type ByokPolicy,
  type ByokRef,
  type KeySource,
} from "./byok";
import { FAILURE_REASONS, type FailureReason } from "./failure-reasons";
import { PLANS, type Plan } from "./plans";
import { PROVIDERS, type Provider } from "./providers";
import type { KeyHealthOutcome } from "./routing/key-health";

/*
 * Every zod schema of this package, and only here: the constants, types and helpers live in modules
 * without zod, so a browser page that needs a provider's label does not download zod with it
 * (docs/ui.md, "Page weight"). `satisfies` keeps each schema and its hand-written type in step.
 */

export const planSchema = z.enum(PLANS) satisfies z.ZodType<Plan>;
export const providerSchema = z.enum(PROVIDERS) satisfies z.ZodType<Provider>;
export const failureReasonSchema = z.enum(FAILURE_REASONS) satisfies z.ZodType<FailureReason>;
export const keySourceSchema = z.enum(KEY_SOURCES) satisfies z.ZodType<KeySource>;
export const byokPolicySchema = z.enum(BYOK_POLICIES) satisfies z.ZodType<ByokPolicy>;
export const byokRefSchema = z.string().regex(BYOK_REF_PATTERN, "not a BYOK reference") satisfies z.ZodType<ByokRef>;

/** Which key paid for one provider call, and why if it was not the user's. */
export const attributionSchema = z.object({
  provider: providerSchema,
  model: z.string(),
  tier: z.number().int().min(0).max(3),
  keySource: keySourceSchema,
  fallbackReason: failureReasonSchema.nullable(),
}) satisfies z.ZodType<Attribution>;

export const keyHealthOutcomeSchema = z.union([
  z.literal("ok"),
  failureReasonSchema,
]) satisfies z.ZodType<KeyHealthOutcome>;

/** What the settings page sends: each provider at most once; providers left out keep their default place after the named ones. */
export const providerOrderSchema = z
  .array(providerSchema)
  .max(PROVIDERS.length)
  .refine((list) => new Set(list).size === list.length, "each provider at most once");
