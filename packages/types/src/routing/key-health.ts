import type { FailureReason } from "../failure-reasons";

/** The last thing a key test or a pipeline call learnt about a user's key: it worked, or why not. */
export type KeyHealthOutcome = "ok" | FailureReason;

export const KEY_HEALTH_SOURCES = ["key_test", "pipeline"] as const;
export type KeyHealthSource = (typeof KEY_HEALTH_SOURCES)[number];

/**
 * A problem of the key or its account that stays until the person acts (docs/billing.md, "Key
 * health"): shown red, and the upload screen expects the key to fail again.
 */
const KEY_PROBLEMS: ReadonlySet<FailureReason> = new Set([
  "invalid_key",
  "quota_exceeded",
  "billing_required",
  "account_disabled",
  "permission_denied",
]);

export function isKeyProblem(outcome: KeyHealthOutcome): outcome is FailureReason {
  return outcome !== "ok" && KEY_PROBLEMS.has(outcome);
}

/**
 * ok: green; a key problem: red; anything else (a rate limit, an outage, a refused region, an
 * unreadable answer) says nothing lasting about the key: amber.
 */
export function keyHealthTone(outcome: KeyHealthOutcome): "ok" | "warn" | "danger" {
  if (outcome === "ok") return "ok";
  return isKeyProblem(outcome) ? "danger" : "warn";
}

/** Whether a key with this health is expected to fail now: a key problem, unless the provider named a time that has passed. */
export function expectFailure(
  health: { outcome: KeyHealthOutcome; retryAt: number | null },
  now: number,
): FailureReason | null {
  if (!isKeyProblem(health.outcome)) return null;
  if (health.retryAt !== null && health.retryAt <= now) return null;
  return health.outcome;
}
