import type { ByokPolicy, KeySource } from "../byok";
import type { FailureReason } from "../failure-reasons";
import { type ModelTier, type Plan, type Task, allowedModels } from "../plans";
import type { Provider } from "../providers";
import { type CallFailureReason, failureMove, isTransientCallReason } from "./failure-moves";
import { completeProviderOrder } from "./provider-order";

/** What the user brought for this recording, as far as routing cares: which providers, never the keys. */
export type UserKeys =
  | { kind: "none" }
  | { kind: "keys"; providers: readonly Provider[] }
  /** A reference that no longer resolves (`byok_expired`). */
  | { kind: "unavailable"; reason: FailureReason };

export interface RouteInput {
  plan: Plan;
  task: Task;
  policy: ByokPolicy;
  userKeys: UserKeys;
  /** Providers the platform holds a key for. */
  platformProviders: readonly Provider[];
  /** The user's order; completed with the default order (`completeProviderOrder`). */
  order?: readonly string[] | null;
}

/** One call the route may make: a provider's best model within the plan, with whose key. */
export interface RouteCandidate {
  provider: Provider;
  model: string;
  tier: ModelTier;
  keySource: KeySource;
}

export interface FailedCall {
  candidate: RouteCandidate;
  reason: CallFailureReason;
}

/** Why a stage fails: a call's reason, or that no key at all could be tried. */
export type RouteFailureReason = CallFailureReason | "no_server_key";

export type RouteStep =
  | {
      kind: "call";
      candidate: RouteCandidate;
      /** Why the platform pays instead of the user; null for the user's own calls and for users who brought no keys. */
      fallbackReason: FailureReason | null;
    }
  | { kind: "fail"; reason: RouteFailureReason; keySource: KeySource | null; retryable: boolean };

function candidatesOf(input: RouteInput, providers: readonly Provider[], keySource: KeySource): RouteCandidate[] {
  return providers.flatMap((provider) => {
    const best = allowedModels(input.plan, input.task, provider)[0];
    return best ? [{ provider, model: best.id, tier: best.tier, keySource }] : [];
  });
}

function fail(reason: RouteFailureReason, keySource: KeySource | null, retryable: boolean): RouteStep {
  return { kind: "fail", reason, keySource, retryable };
}

/**
 * The next call of a stage, given the calls that failed so far (in the order they were made), or
 * why the stage fails. Pure: the worker runs it between provider calls, the upload screen and the
 * tests run it over predicted outcomes (`simulateRoute`). docs/billing.md states the rules:
 * the user's keys in the user's order, each provider with its best model within the plan; then,
 * under `fallback` only, the platform's keys, starting with the providers the user's keys failed on.
 */
export function nextRouteStep(input: RouteInput, failed: readonly FailedCall[]): RouteStep {
  if (allowedModels(input.plan, input.task).length === 0) return fail("tier_not_allowed", null, false);
  const stop = failed.find((f) => failureMove(f.reason) === "fail_stage");
  if (stop) return fail(stop.reason, stop.candidate.keySource, false);

  const order = completeProviderOrder(input.order);
  const refused = new Set(
    failed.filter((f) => failureMove(f.reason) === "other_provider").map((f) => f.candidate.provider),
  );
  const open = (c: RouteCandidate) =>
    !refused.has(c.provider) &&
    !failed.some((f) => f.candidate.provider === c.provider && f.candidate.keySource === c.keySource);

  const { userKeys } = input;
  const userProviders = userKeys.kind === "keys" ? order.filter((p) => userKeys.providers.includes(p)) : [];
  const nextUser = candidatesOf(input, userProviders, "byok").find(open);
  if (nextUser) return { kind: "call", candidate: nextUser, fallbackReason: null };

  const userFailures = failed.filter((f) => f.candidate.keySource === "byok");
  const retryable = failed.some((f) => isTransientCallReason(f.reason));
  // bad_request stopped the route above, so a user failure here is an account state.
  const firstUserFailure = userFailures[0]?.reason as FailureReason | undefined;
  const why: FailureReason | null =
    userKeys.kind === "unavailable"
      ? userKeys.reason
      : (firstUserFailure ?? (userKeys.kind === "keys" || input.policy === "byok_only" ? "no_user_key" : null));

  if (input.policy === "byok_only") return fail(why ?? "no_user_key", "byok", retryable);

  const platformOrder = [...new Set([...userFailures.map((f) => f.candidate.provider), ...order])].filter((p) =>
    input.platformProviders.includes(p),
  );
  const nextPlatform = candidatesOf(input, platformOrder, "server").find(open);
  if (nextPlatform) return { kind: "call", candidate: nextPlatform, fallbackReason: why };

  const firstPlatformFailure = failed.find((f) => f.candidate.keySource === "server");
  if (firstPlatformFailure) return fail(firstPlatformFailure.reason, "server", retryable);
  if (firstUserFailure) return fail(firstUserFailure, "byok", retryable);
  return fail("no_server_key", "server", false);
}
