import {
  type Attribution,
  type ByokPolicy,
  type CatalogModel,
  FAILURE_MESSAGES,
  type FailureReason,
  type KeySource,
  type Plan,
  type Provider,
  RECORDING_FAILURE_MESSAGES,
  type RecordingFailureReason,
  TRANSIENT_REASONS,
  type Task,
  allowedModels,
} from "@byok/types";
import type { ProviderFailureReason } from "@byok/providers";

/** What a provider call can fail with: the classifier's reasons (shared with testByokKey). */
export type CallReason = ProviderFailureReason;

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
}

export interface RouteRequest<T> {
  plan: Plan;
  task: Task;
  policy: ByokPolicy;
  byok: ByokState;
  serverKeys: Partial<Record<Provider, string>>;
  invoke(call: ProviderCall): Promise<T>;
  classify(provider: Provider, err: unknown): { reason: CallReason };
  /** Observes every provider call (for attribution logs); receives the key so it can fingerprint it. */
  onCall?(report: CallReport): void;
}

export interface RouteResult<T> {
  value: T;
  attribution: Attribution;
}

/** A stage failure with its reason; the message is ours, never the provider's (which may quote a key). */
export type StageFailureReason = CallReason | RecordingFailureReason | "no_server_key" | "internal_error";

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

function isTransient(reason: CallReason): boolean {
  return reason !== "bad_request" && TRANSIENT_REASONS.has(reason);
}

/** Best allowed model for which a key exists, in the catalog's order (highest tier first). */
function pickModel(models: CatalogModel[], keys: Partial<Record<Provider, string>>): CatalogModel | null {
  return models.find((m) => Boolean(keys[m.provider])) ?? null;
}

/**
 * Runs one stage attempt: the user's key first when there is one, then, per policy, one try with a
 * platform key. Tiers come from the plan alone, so bringing a key never unlocks a higher tier.
 */
export async function routeCall<T>(req: RouteRequest<T>): Promise<RouteResult<T>> {
  const models = allowedModels(req.plan, req.task);
  if (models.length === 0) throw new StageFailure("tier_not_allowed", null, false);

  const attempt = async (model: CatalogModel, apiKey: string, keySource: KeySource, fallbackReason: FailureReason | null) => {
    const call = { provider: model.provider, model: model.id, tier: model.tier, apiKey, keySource, fallbackReason };
    try {
      const value = await req.invoke(call);
      req.onCall?.({ ...call, outcome: "ok" });
      return { ok: true as const, value };
    } catch (err) {
      const { reason } = req.classify(model.provider, err);
      req.onCall?.({ ...call, outcome: reason });
      return { ok: false as const, reason };
    }
  };

  const byokModel = req.byok.kind === "keys" ? pickModel(models, req.byok.keys) : null;
  let fallbackReason: FailureReason | null = req.byok.kind === "unavailable" ? req.byok.reason : null;

  if (byokModel && req.byok.kind === "keys") {
    const apiKey = req.byok.keys[byokModel.provider] as string;
    const result = await attempt(byokModel, apiKey, "byok", null);
    if (result.ok) return { value: result.value, attribution: attribution(byokModel, "byok", null) };
    // A malformed request fails the same way with any key: no point spending the platform's.
    if (result.reason === "bad_request") throw new StageFailure("bad_request", "byok", false);
    fallbackReason = result.reason;
  }

  if (fallbackReason !== null && req.policy === "byok_only") {
    throw new StageFailure(fallbackReason, "byok", isTransient(fallbackReason));
  }

  // A provider that refuses our region refuses the platform's key too: go to another provider.
  const candidates = fallbackReason === "region_unsupported" && byokModel ? models.filter((m) => m.provider !== byokModel.provider) : models;
  const serverModel =
    byokModel && fallbackReason !== "region_unsupported" && req.serverKeys[byokModel.provider] ? byokModel : pickModel(candidates, req.serverKeys);
  if (!serverModel) throw new StageFailure("no_server_key", "server", false);
  const result = await attempt(serverModel, req.serverKeys[serverModel.provider] as string, "server", fallbackReason);
  if (result.ok) return { value: result.value, attribution: attribution(serverModel, "server", fallbackReason) };
  // The platform's own invalid key or quota will not fix itself between retries either.
  throw new StageFailure(result.reason, "server", isTransient(result.reason));
}

function attribution(model: CatalogModel, keySource: KeySource, fallbackReason: FailureReason | null): Attribution {
  return { provider: model.provider, model: model.id, tier: model.tier, keySource, fallbackReason };
}
