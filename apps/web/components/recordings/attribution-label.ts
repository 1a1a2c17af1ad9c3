import { PROVIDER_LABELS, findModel, type Attribution, type FailureReason } from "@byok/types";

/** Short phrases for a badge; the full FAILURE_MESSAGES text is for the stage's detail line. */
const FALLBACK_PHRASES: Record<FailureReason, string> = {
  invalid_key: "your key was rejected",
  quota_exceeded: "your key hit its quota",
  rate_limited: "your key was rate-limited",
  provider_unavailable: "the provider was down for your key",
  timeout: "your key's call timed out",
  byok_expired: "your cached keys had expired",
  tier_not_allowed: "that model is outside your plan",
  account_disabled: "your provider account is disabled",
  billing_required: "your provider account needs billing",
  region_unsupported: "the provider refused our region",
  permission_denied: "your key is restricted",
  bad_response: "the provider's answer was unreadable",
  no_user_key: "no key of yours could do this step",
};

/**
 * What happened, for a stage that has ended. FAILURE_MESSAGES speak to someone about to act ("Try
 * again shortly"); a finished stage only reports, so it never gives advice that expires.
 */
const ENDED_STAGE_REASONS: Record<FailureReason, string> = {
  invalid_key: "The provider rejected your key. Check that it was copied whole and has not been revoked.",
  quota_exceeded: "Your key had run out of quota or credit with the provider.",
  rate_limited: "The provider was rate-limiting your key at the time.",
  provider_unavailable: "The provider was having trouble at the time.",
  timeout: "The provider did not answer in time.",
  byok_expired: "Your keys were no longer cached for this job (they expire after 5 minutes).",
  tier_not_allowed: "Your plan does not include this model tier.",
  account_disabled: "The provider had disabled the account behind your key.",
  billing_required: "The provider needed billing set up on the account behind your key.",
  region_unsupported: "The provider did not serve the region the request came from.",
  permission_denied: "Your key was not allowed to make this call.",
  bad_response: "The provider's answer could not be read.",
  no_user_key: "None of your keys is for a provider that can do this step. Add a key of one that can.",
};

export function endedStageReason(reason: FailureReason): string {
  return ENDED_STAGE_REASONS[reason];
}

export function fallbackPhrase(reason: FailureReason): string {
  return FALLBACK_PHRASES[reason];
}

export interface AttributionBadgeText {
  text: string;
  tone: "ok" | "warn" | "neutral";
}

export function attributionBadgeText(
  attribution: Pick<Attribution, "provider" | "keySource" | "fallbackReason">,
): AttributionBadgeText {
  const provider = PROVIDER_LABELS[attribution.provider];
  if (attribution.keySource === "byok") return { text: `Your ${provider} key`, tone: "ok" };
  if (attribution.fallbackReason) {
    return { text: `Platform key — ${fallbackPhrase(attribution.fallbackReason)}`, tone: "warn" };
  }
  return { text: "Platform key", tone: "neutral" };
}

export function modelLabel(attribution: Pick<Attribution, "provider" | "model" | "tier">): string {
  const known = findModel(attribution.model);
  return `${PROVIDER_LABELS[attribution.provider]} · ${known?.label ?? attribution.model} · tier ${attribution.tier}`;
}
