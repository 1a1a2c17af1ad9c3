import {
  type Attribution,
  type ByokPolicy,
  type CallFailureReason,
  FAILURE_MESSAGES,
  type FailedCall,
  type FailureReason,
  type KeySource,
  type Plan,
  type Provider,
  RECORDING_FAILURE_MESSAGES,
  type RecordingFailureReason,
  type RouteCandidate,
  type RouteFailureReason,
  type Task,
  type UserKeys,
  isTransientCallReason,
  nextRouteStep,
} from "@byok/types";
import { BrokenCircuitError, type PlatformBreakers } from "./platform-breakers";
import type { RetryBudget } from "./retry-budget";
import { HandBack, type ShutdownSignals, waitOrHandBack } from "./shutdown-signals";

/** What a provider call can fail with: the classifier's reasons (shared with testByokKey). */
export type CallReason = CallFailureReason;

/** What the user brought for this job: keys, nothing, or a reference that no longer resolves. */
export type ByokState =
  | { kind: "none" }
  | { kind: "keys"; keys: Partial<Record<Provider, string>> }
  | { kind: "unavailable"; reason: FailureReason };

export interface ProviderCall {
  provider: Provider;
  model: string;
  tier: number;
  apiKey: string;
  keySource: KeySource;
  /** Aborts the call at the shutdown's deadline; pass it to the SDK. */
  signal?: AbortSignal | undefined;
}

/** What a provider's answer says it used (its usage fields) and its id for the request. */
export interface CallUnits {
  inputTokens?: number;
  outputTokens?: number;
  audioInputTokens?: number;
  audioSeconds?: number;
}

export interface CallMeta {
  usage?: CallUnits | undefined;
  requestId?: string | undefined;
}

export interface CallReport {
  provider: Provider;
  model: string;
  tier: number;
  keySource: KeySource;
  /** Why the platform paid instead of the user (null for the user's own calls). */
  fallbackReason: FailureReason | null;
  apiKey: string;
  outcome: "ok" | CallReason;
  /** When the provider said access returns (ms epoch), if it said. */
  retryAt?: number | undefined;
  /** From the answer, for the usage ledger (successful calls only). */
  usage?: CallUnits | undefined;
  requestId?: string | undefined;
}

export interface RouteRequest<T extends CallMeta> {
  plan: Plan;
  task: Task;
  policy: ByokPolicy;
  /** The user's provider order (docs/billing.md); the default order when absent. */
  order?: readonly Provider[];
  byok: ByokState;
  serverKeys: Partial<Record<Provider, string>>;
  invoke(call: ProviderCall): Promise<T>;
  classify(provider: Provider, err: unknown): { reason: CallReason; retryAt?: number | undefined };
  /** Observes every provider call (for attribution logs and key health); receives the key so it can fingerprint it. */
  onCall?(report: CallReport): void;
  /** Transient failures retry the same key within this budget before the route moves on. */
  retry?: RetryBudget;
  /** The platform keys' circuit breakers: while one is open, its calls wait instead of failing. */
  breakers?: PlatformBreakers;
  shutdown?: ShutdownSignals;
  /**
   * Runs before every provider call, outside the call's error handling: what it throws ends the
   * route as it is (the stage runner renews the stage's lease here, and stops when it lost it).
   */
  beforeCall?(): Promise<void>;
  /** Observes each wait before a retry (for logs). */
  onWait?(wait: { provider: Provider; keySource: KeySource; ms: number; cause: CallReason | "breaker_open" }): void;
}

export interface RouteResult<T> {
  value: T;
  attribution: Attribution;
}

/** A stage failure with its reason; the message is ours, never the provider's (which may quote a key). */
export type StageFailureReason = RouteFailureReason | RecordingFailureReason | "internal_error";

function stageFailureMessage(reason: StageFailureReason): string {
  if (reason === "bad_request") return "The provider refused the request as malformed.";
  if (reason === "no_server_key") return "No platform key is configured for a model this plan may use.";
  if (reason === "internal_error") return "The stage failed on our side.";
  if (reason in RECORDING_FAILURE_MESSAGES) return RECORDING_FAILURE_MESSAGES[reason as RecordingFailureReason];
  return FAILURE_MESSAGES[reason as FailureReason];
}

export class StageFailure extends Error {
  readonly reason: StageFailureReason;
  readonly retryable: boolean;
  readonly keySource: KeySource | null;

  constructor(reason: StageFailureReason, keySource: KeySource | null, retryable: boolean) {
    super(stageFailureMessage(reason));
    this.name = "StageFailure";
    this.reason = reason;
    this.keySource = keySource;
    this.retryable = retryable;
  }
}

function userKeysOf(byok: ByokState): UserKeys {
  if (byok.kind === "keys")
    return { kind: "keys", providers: (Object.keys(byok.keys) as Provider[]).filter((p) => Boolean(byok.keys[p])) };
  return byok;
}

/**
 * Runs one stage: the route (`nextRouteStep`, docs/billing.md) says which key and model to call
 * next, given the calls that failed so far: the user's keys in the user's order, then, under
 * `fallback` only, the platform's. Tiers come from the plan alone, so bringing a key never unlocks
 * a higher tier.
 */
export async function routeCall<T extends CallMeta>(req: RouteRequest<T>): Promise<RouteResult<T>> {
  const input = {
    plan: req.plan,
    task: req.task,
    policy: req.policy,
    userKeys: userKeysOf(req.byok),
    platformProviders: (Object.keys(req.serverKeys) as Provider[]).filter((p) => Boolean(req.serverKeys[p])),
    order: req.order ?? null,
  };
  const keyFor = (c: RouteCandidate): string =>
    (c.keySource === "byok" && req.byok.kind === "keys"
      ? req.byok.keys[c.provider]
      : req.serverKeys[c.provider]) as string;
  const failed: FailedCall[] = [];
  const never = new AbortController().signal;
  const stopping = req.shutdown?.stopping ?? never;
  const deadline = req.shutdown?.deadline;

  for (;;) {
    const step = nextRouteStep(input, failed);
    if (step.kind === "fail") throw new StageFailure(step.reason, step.keySource, step.retryable);
    const { candidate, fallbackReason } = step;
    const call = {
      provider: candidate.provider,
      model: candidate.model,
      tier: candidate.tier,
      apiKey: keyFor(candidate),
      keySource: candidate.keySource,
    };
    const retryKey = `${candidate.keySource}:${candidate.provider}:${candidate.model}`;
    const breaker = candidate.keySource === "server" ? req.breakers?.for(candidate.provider) : undefined;
    const wait = async (ms: number, cause: CallReason | "breaker_open") => {
      req.onWait?.({ provider: call.provider, keySource: call.keySource, ms, cause });
      await waitOrHandBack(ms, stopping);
    };

    for (;;) {
      // A shutdown that has begun starts no new call: the job is handed back before anything is paid.
      if (stopping.aborted) throw new HandBack();
      await req.beforeCall?.();
      try {
        const invoke = () => req.invoke({ ...call, signal: deadline });
        const value = breaker ? await breaker.execute(invoke) : await invoke();
        req.onCall?.({ ...call, fallbackReason, outcome: "ok", usage: value.usage, requestId: value.requestId });
        return {
          value,
          attribution: {
            provider: call.provider,
            model: call.model,
            tier: call.tier,
            keySource: call.keySource,
            fallbackReason,
          },
        };
      } catch (err) {
        if (err instanceof BrokenCircuitError) {
          // Nothing was sent: the platform's key for this provider failed often enough just now.
          const delay = req.retry?.nextDelay(retryKey);
          if (delay === null || delay === undefined) {
            failed.push({ candidate, reason: "provider_unavailable" });
            break;
          }
          await wait(delay, "breaker_open");
          continue;
        }
        if (deadline?.aborted) {
          // Aborted by the shutdown's deadline: sent, maybe billed, never answered.
          req.onCall?.({ ...call, fallbackReason, outcome: "timeout" });
          throw new HandBack();
        }
        const { reason, retryAt } = req.classify(candidate.provider, err);
        req.onCall?.({ ...call, fallbackReason, outcome: reason, retryAt });
        if (isTransientCallReason(reason)) {
          const delay = req.retry?.nextDelay(retryKey, retryAt);
          if (delay !== null && delay !== undefined) {
            await wait(delay, reason);
            continue;
          }
        }
        failed.push({ candidate, reason });
        break;
      }
    }
  }
}
