import {
  PROVIDER_LABELS,
  PROVIDER_REGISTRY,
  failureAction,
  isFailureReason,
  type FailureReason,
  type KeySource,
  type Provider,
  type RecordingFailureReason,
} from "@byok/types";
import { endedStageReason } from "~/components/recordings/attribution-label";

/** What the person can do about a failed stage; the recording page renders each as a link or the Retry button. */
export type StageFailureAction =
  | { kind: "add_credit"; provider: string; url: string }
  /** `provider` when the ledger names it. */
  | { kind: "replace_key"; provider?: string }
  | { kind: "add_key" }
  | { kind: "wait"; until?: number }
  | { kind: "retry" }
  | { kind: "upload_again" };

export interface StageFailureDescription {
  text: string;
  action: StageFailureAction;
}

/** The call that gave the stage its reason, when the ledger has it. */
export interface FailedCallView {
  provider: Provider;
  keySource: KeySource;
}

/**
 * The failure in words that report what happened (never "Try again shortly": the stage has
 * ended), naming the provider and whose key when the ledger knows the call, and the one action
 * that helps.
 */
type Sentence = (provider: string, key: string, Key: string) => string;
const WITH_PROVIDER: Partial<Record<FailureReason, Sentence>> = {
  invalid_key: (p, key) => `${p} rejected ${key}.`,
  quota_exceeded: (p, _key, Key) => `${Key} had run out of quota or credit with ${p}.`,
  rate_limited: (p, key) => `${p} was rate-limiting ${key} at the time.`,
  provider_unavailable: (p) => `${p} was having trouble at the time.`,
  timeout: (p) => `${p} did not answer in time.`,
  account_disabled: (p, key) => `${p} had disabled the account behind ${key}.`,
  billing_required: (p, key) => `${p} needed billing set up on the account behind ${key}.`,
  region_unsupported: (p) => `${p} did not serve the region our servers run in.`,
  permission_denied: (p, key) => `${p} did not allow ${key} to make this call.`,
  bad_response: (p) => `${p}'s answer could not be read.`,
};

const OTHER_REASONS: Record<string, StageFailureDescription> = {
  bad_request: {
    text: "The provider refused our request as malformed. This is on our side.",
    action: { kind: "retry" },
  },
  no_server_key: { text: "No platform key was available for a model your plan may use.", action: { kind: "add_key" } },
  internal_error: { text: "The step failed on our side.", action: { kind: "retry" } },
};

/** Reasons a person fixes on the API Keys page (a stage's reason without its call still says "your key"). */
const KEY_PROBLEMS: ReadonlySet<FailureReason> = new Set([
  "invalid_key",
  "account_disabled",
  "permission_denied",
  "quota_exceeded",
  "billing_required",
]);

// Names only: the stage stores these failures' own messages (RECORDING_FAILURE_MESSAGES), and this
// page's JavaScript budget has no room for a second copy of the texts.
const RECORDING_FAILURES: ReadonlySet<string> = new Set<RecordingFailureReason>([
  "stalled",
  "queue_unavailable",
  "interrupted",
  "file_missing",
]);

/** `message` is the stage's stored message: ours, never a provider's text. */
export function describeStageFailure(
  reason: string,
  call: FailedCallView | null,
  message = "",
): StageFailureDescription {
  if (RECORDING_FAILURES.has(reason)) {
    return {
      text: message || "Processing stopped on our side.",
      action: reason === "file_missing" ? { kind: "upload_again" } : { kind: "retry" },
    };
  }
  if (!isFailureReason(reason)) return OTHER_REASONS[reason] ?? { text: "The step failed.", action: { kind: "retry" } };
  const known = reason;
  if (known === "no_user_key") return { text: endedStageReason(known), action: { kind: "add_key" } };
  const sentence = WITH_PROVIDER[known];
  if (!call || !sentence) {
    // Without the call the provider is unknown, but a key problem is still the user's to fix.
    return {
      text: endedStageReason(known),
      action: KEY_PROBLEMS.has(known) ? { kind: "replace_key" } : { kind: "retry" },
    };
  }

  const label = PROVIDER_LABELS[call.provider];
  if (call.keySource === "server") {
    // The platform's account is ours to fix, not the user's: they can only try again.
    const text = sentence(label, `the platform's ${label} key`, `The platform's ${label} key`);
    return { text, action: { kind: "retry" } };
  }
  const text = sentence(label, `your ${label} key`, `Your ${label} key`);
  const action = failureAction(known, call.provider);
  switch (action.kind) {
    case "add_credit":
      return {
        text,
        action: { kind: "add_credit", provider: label, url: PROVIDER_REGISTRY[call.provider].links.billing },
      };
    case "replace_key":
      return { text, action: { kind: "replace_key", provider: label } };
    case "wait_until":
      return { text, action: { kind: "wait", ...(action.until === undefined ? {} : { until: action.until }) } };
    case "retry_now":
    case "none":
      return { text, action: { kind: "retry" } };
  }
}
