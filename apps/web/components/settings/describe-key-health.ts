import {
  PROVIDER_LABELS,
  describeFailure,
  keyHealthTone,
  type FailureAction,
  type FailureReason,
  type Provider,
} from "@byok/types";
import type { KeyHealthView } from "~/components/settings/key-health-view";

/**
 * What to do about a failing key: add credit or replace the key (with the registry's page as a
 * link), wait until a time, or retry now (the card offers a button for that).
 */
export interface KeyAction {
  kind: "add_credit" | "replace_key" | "wait_until" | "retry_now";
  /** The sentence before the link (or the whole sentence when there is no link). */
  text: string;
  link?: { url: string; label: string };
}

export interface KeyHealthDescription {
  tone: "ok" | "warn" | "danger";
  /** The card's badge. */
  badge: string;
  /** The upload screen's chip, after the provider's name. */
  chip: string;
  message: string;
  action: KeyAction | null;
  /** "Last tested …" / "Last used in a recording …" */
  when: string;
}

const STATE_WORDS: Record<FailureReason, string> = {
  invalid_key: "rejected",
  quota_exceeded: "out of credit",
  billing_required: "needs billing",
  account_disabled: "account disabled",
  permission_denied: "restricted",
  region_unsupported: "refuses our region",
  bad_response: "unreadable answer",
  rate_limited: "rate-limited",
  provider_unavailable: "provider down",
  timeout: "timed out",
  byok_expired: "expired",
  tier_not_allowed: "plan tier",
  no_user_key: "missing",
};

export function keyAction(action: FailureAction, provider: Provider, format: (ms: number) => string): KeyAction | null {
  const label = PROVIDER_LABELS[provider];
  switch (action.kind) {
    case "add_credit":
      return {
        kind: "add_credit",
        text: "Add credit or enable billing on",
        link: { url: action.url, label: `the ${label} billing page` },
      };
    case "replace_key":
      return {
        kind: "replace_key",
        text: "Replace the key with one from",
        link: { url: action.url, label: `the ${label} API keys page` },
      };
    case "wait_until":
      return {
        kind: "wait_until",
        text:
          action.until === undefined
            ? "Wait a minute, then try again."
            : `Wait: access returns ${format(action.until)}.`,
      };
    case "retry_now":
      return { kind: "retry_now", text: "Retry now: test the key or upload again." };
    case "none":
      return null;
  }
}

/** The words for a key's last known state; the reason's message and action come from the registry (describeFailure). */
export function describeKeyHealth(
  health: KeyHealthView,
  provider: Provider,
  format: (ms: number) => string,
): KeyHealthDescription {
  const label = PROVIDER_LABELS[provider];
  const tested = health.source === "key_test";
  const when = `${tested ? "Last tested" : "Last used in a recording"} ${format(health.observedAt)}`;
  if (health.outcome === "ok") {
    return {
      tone: "ok",
      badge: tested ? "Tested OK" : "Worked in a recording",
      chip: "working",
      message: tested ? `OK — your ${label} key works.` : `Your ${label} key worked in a recording.`,
      action: null,
      when,
    };
  }
  const failure = describeFailure(health.outcome, provider, health.retryAt ?? undefined);
  return {
    tone: keyHealthTone(health.outcome),
    badge: tested ? "Failed test" : "Failed in a recording",
    chip: STATE_WORDS[health.outcome],
    message: failure.message,
    action: keyAction(failure.action, provider, format),
    when,
  };
}
