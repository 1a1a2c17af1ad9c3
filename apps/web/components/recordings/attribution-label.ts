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

export function fallbackPhrase(reason: FailureReason): string {
  return FALLBACK_PHRASES[reason];
}

export interface AttributionBadgeText {
  text: string;
  tone: "ok" | "warn" | "neutral";
}

export function attributionBadgeText(attribution: Pick<Attribution, "provider" | "keySource" | "fallbackReason">): AttributionBadgeText {
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
