import { PROVIDER_REGISTRY, type Provider } from "./provider-registry";

/**
 * Why a user's key was not (or could not be) used. Each account state a provider reports maps to
 * one of these (docs/providers.md, "Account states"); each has a message and an action.
 */
export const FAILURE_REASONS = [
  "invalid_key",
  "quota_exceeded",
  "rate_limited",
  "provider_unavailable",
  "timeout",
  "byok_expired",
  "tier_not_allowed",
  "account_disabled",
  "billing_required",
  "region_unsupported",
  "permission_denied",
  "bad_response",
  "no_user_key",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export function isFailureReason(value: unknown): value is FailureReason {
  return (FAILURE_REASONS as readonly unknown[]).includes(value);
}

/**
 * Failures worth trying again later with the same key. Quota, billing and disabled accounts are
 * permanent until a person acts, so they are never retried as rate limits.
 */
export const TRANSIENT_REASONS: ReadonlySet<FailureReason> = new Set([
  "rate_limited",
  "provider_unavailable",
  "timeout",
]);

/** What the person can do about it. `until` (ms epoch) when the provider said when access returns. */
export type FailureAction =
  | { kind: "add_credit"; url: string }
  | { kind: "replace_key"; url: string }
  | { kind: "wait_until"; until?: number }
  | { kind: "retry_now" }
  | { kind: "none" };

type Template = (provider: string) => string;

const MESSAGES: Record<FailureReason, Template> = {
  invalid_key: (p) => `${p} rejected this key. Check that it was copied whole and has not been revoked.`,
  quota_exceeded: (p) => `This key has run out of credit or reached its spending limit with ${p}.`,
  rate_limited: (p) => `${p} is rate-limiting this key. Try again in a minute.`,
  provider_unavailable: (p) => `${p} is having trouble right now. Try again shortly.`,
  timeout: (p) => `${p} did not answer in time.`,
  byok_expired: () => "Your keys were no longer cached for this job (they expire after 5 minutes).",
  tier_not_allowed: () => "Your plan does not include this model tier.",
  account_disabled: (p) =>
    `${p} has disabled the account this key belongs to. Contact ${p} or use a key from another account.`,
  billing_required: (p) =>
    `${p} needs billing set up on the account of this key before it can be used (some countries have no free tier).`,
  region_unsupported: (p) => `${p} does not serve requests from the region our servers run in. The key itself is fine.`,
  permission_denied: (p) =>
    `This key is restricted and may not make this call to ${p}. Create a key with the needed permissions.`,
  bad_response: (p) => `The answer did not come from ${p}'s API as expected (for example a proxy's web page).`,
  no_user_key: () => "None of your keys is for a provider that can do this step. Add a key of one that can.",
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The generic wording, for places that do not know the provider. */
export const FAILURE_MESSAGES: Readonly<Record<FailureReason, string>> = Object.fromEntries(
  Object.entries(MESSAGES).map(([reason, template]) => [reason, capitalised(template("the provider"))]),
) as Record<FailureReason, string>;

export function failureAction(reason: FailureReason, provider: Provider, until?: number): FailureAction {
  const { links } = PROVIDER_REGISTRY[provider];
  switch (reason) {
    case "quota_exceeded":
      return until === undefined ? { kind: "add_credit", url: links.billing } : { kind: "wait_until", until };
    case "billing_required":
      return { kind: "add_credit", url: links.billing };
    case "invalid_key":
    case "account_disabled":
    case "permission_denied":
    case "no_user_key":
      return { kind: "replace_key", url: links.createKey };
    case "rate_limited":
      return { kind: "wait_until", ...(until === undefined ? {} : { until }) };
    case "provider_unavailable":
    case "timeout":
    case "byok_expired":
    case "bad_response":
      return { kind: "retry_now" };
    case "region_unsupported":
    case "tier_not_allowed":
      return { kind: "none" };
  }
}

export interface FailureDescription {
  reason: FailureReason;
  message: string;
  action: FailureAction;
}

/** Our own words for a failure, naming the provider; never the provider's text (it can quote the key). */
export function describeFailure(reason: FailureReason, provider: Provider, until?: number): FailureDescription {
  return {
    reason,
    message: MESSAGES[reason](PROVIDER_REGISTRY[provider].label),
    action: failureAction(reason, provider, until),
  };
}
