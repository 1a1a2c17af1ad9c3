import type { FailureReason } from "../failure-reasons";

/** What a provider call can fail with: an account state, or `bad_request` (our request was malformed). */
export type CallFailureReason = FailureReason | "bad_request";
export type CallOutcome = "ok" | CallFailureReason;

/**
 * Where a stage's route goes after a failed call (docs/billing.md, "What a failure means for the order"):
 * - `next_key`: the next candidate: the user's next provider, and after the user's keys the platform's;
 * - `other_provider`: the next candidate of another provider; nothing more goes to this provider,
 *   neither the user's key nor the platform's (it refuses where our servers run, whoever's key it is);
 * - `fail_stage`: stop; any key would fail the same way.
 */
export type FailureMove = "next_key" | "other_provider" | "fail_stage";

export const TRANSIENT_CALL_REASONS = ["rate_limited", "provider_unavailable", "timeout"] as const;
export type TransientCallReason = (typeof TRANSIENT_CALL_REASONS)[number];

export function isTransientCallReason(reason: CallFailureReason): reason is TransientCallReason {
  return (TRANSIENT_CALL_REASONS as readonly string[]).includes(reason);
}

/**
 * The one place that decides where the route goes after a transient failure (rate limit, overload,
 * timeout): to the next key. The worker first retries the same key with backoff within the stage's
 * retry budget (docs/billing.md, "Retries and the breaker"); only a failure past that budget is
 * reported to the route.
 */
export function transientMove(_reason: TransientCallReason): FailureMove {
  return "next_key";
}

export function failureMove(reason: CallFailureReason): FailureMove {
  if (isTransientCallReason(reason)) return transientMove(reason);
  switch (reason) {
    case "bad_request":
      return "fail_stage";
    case "region_unsupported":
      return "other_provider";
    // A permanent problem of this key or its account: another key may well work. A page that is not
    // the API's answer (bad_response: a proxy, a gateway): another provider may answer properly. The
    // last three are never a call's outcome; listed so that a new reason has to be placed here.
    case "invalid_key":
    case "quota_exceeded":
    case "billing_required":
    case "account_disabled":
    case "permission_denied":
    case "bad_response":
    case "byok_expired":
    case "tier_not_allowed":
    case "no_user_key":
      return "next_key";
  }
}
