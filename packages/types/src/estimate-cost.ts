import type { ModelPrice } from "./provider-descriptor";
import { PROVIDER_REGISTRY, type Provider } from "./provider-registry";

/** What a provider reported a call used (its usage fields); absent fields were not reported. */
export interface CallUnits {
  audioSeconds?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  /** The part of `inputTokens` that was audio (Gemini prices audio input apart). */
  audioInputTokens?: number | null;
}

export interface CostEstimate {
  usd: number;
  /** The day the price table was read: an estimate is only as current as its table. */
  pricesTakenOn: string;
}

const MILLION = 1_000_000;

/**
 * The price of one call from the model's entry in its provider's dated price table. Pure: the same
 * units and table give the same figure. Null when the model is unknown or the provider reported
 * none of the units its price is counted in (the ledger does not guess).
 */
export function estimateCostOf(price: ModelPrice, units: CallUnits): number | null {
  if (price.unit === "audio_minute") {
    return typeof units.audioSeconds === "number" ? (units.audioSeconds / 60) * price.perMinute : null;
  }
  if (typeof units.inputTokens !== "number" && typeof units.outputTokens !== "number") return null;
  const input = units.inputTokens ?? 0;
  const audio = Math.min(units.audioInputTokens ?? 0, input);
  const audioRate = price.audioInputPerMillion ?? price.inputPerMillion;
  return (
    ((input - audio) * price.inputPerMillion + audio * audioRate + (units.outputTokens ?? 0) * price.outputPerMillion) /
    MILLION
  );
}

export function estimateCost(provider: Provider, model: string, units: CallUnits): CostEstimate | null {
  const descriptor = PROVIDER_REGISTRY[provider];
  const entry = descriptor.models.find((m) => m.id === model);
  if (!entry) return null;
  const usd = estimateCostOf(entry.price, units);
  return usd === null ? null : { usd, pricesTakenOn: descriptor.prices.takenOn };
}
