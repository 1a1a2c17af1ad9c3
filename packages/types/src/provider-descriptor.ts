/**
 * What the browser, the server and the workers may all know about a provider: no SDK, no Node API.
 * The adapters (packages/providers) and the emulator modules (packages/provider-emulator) hold the
 * rest of a provider's record, each keyed by the same id. docs/providers.md explains every field.
 */

export const TASKS = ["stt", "analysis"] as const;
export type Task = (typeof TASKS)[number];

export const MODEL_TIERS = [0, 1, 2, 3] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

/** USD. Token prices are per million tokens; audio minutes are billed as the provider bills them. */
export type ModelPrice =
  | { unit: "tokens"; inputPerMillion: number; outputPerMillion: number; audioInputPerMillion?: number }
  | { unit: "audio_minute"; perMinute: number };

export interface ModelDescriptor {
  id: string;
  label: string;
  tier: ModelTier;
  /** One model may serve both stages (Gemini transcribes with the model it analyses with). */
  tasks: readonly Task[];
  price: ModelPrice;
}

export interface ProviderDescriptor<Id extends string = string> {
  id: Id;
  label: string;
  /** Position of the provider's card in Settings → API Keys (lowest first). */
  settingsOrder: number;
  key: {
    /** Lenient: prefix, length and charset only. It catches pastes of the wrong thing; the provider decides. */
    pattern: RegExp;
    hint: string;
    /** What a masked hint keeps of the key's start (`sk-…a1b2`). */
    maskPrefix: string;
    /** Finds this provider's keys (real and emulator) inside free text; no anchors, no flags. */
    scrub: RegExp;
  };
  env: {
    /** The platform's own key (fallback). */
    apiKey: string;
    /** Overrides the base URL below; tests and dev point it at the emulator. */
    baseUrl: string;
  };
  /** The real API's base URL, in the form the provider's SDK takes it. */
  defaultBaseUrl: string;
  capabilities: Readonly<Record<Task, boolean>>;
  /** Cheapest first. */
  models: readonly ModelDescriptor[];
  prices: {
    /** The day the figures were read from `source`. */
    takenOn: string;
    source: string;
  };
  links: {
    /** Where a user creates a key. */
    createKey: string;
    /** Where a user adds credit, enables billing or raises a spend limit. */
    billing: string;
  };
}

/**
 * Keeps the id and the variable names literal types, so the registry derives the `Provider` union
 * and the environment's shape from its entries.
 */
export function defineProvider<const D extends ProviderDescriptor>(descriptor: D): D {
  return descriptor;
}
