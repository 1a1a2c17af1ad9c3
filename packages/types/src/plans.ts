import { type ModelTier, type Task } from "./provider-descriptor";
import { PROVIDERS, PROVIDER_REGISTRY, type Provider } from "./provider-registry";

export { MODEL_TIERS, TASKS, type ModelTier, type Task } from "./provider-descriptor";

export const PLANS = ["free", "start", "pro", "business"] as const;
export type Plan = (typeof PLANS)[number];

/** Free and Start stay on tiers 0–1 even when the user pays the provider (docs/decisions.md, Contracts). */
export const PLAN_MAX_TIER: Record<Plan, ModelTier> = {
  free: 1,
  start: 1,
  pro: 2,
  business: 3,
};

export function tierAllowed(plan: Plan, tier: ModelTier): boolean {
  return tier <= PLAN_MAX_TIER[plan];
}

/** One model for one task: the router's unit. */
export interface CatalogModel {
  id: string;
  provider: Provider;
  task: Task;
  tier: ModelTier;
  label: string;
}

/** The registry's models, one row per (model, task), in registry order and cheapest first per provider. */
export const MODEL_CATALOG: readonly CatalogModel[] = PROVIDERS.flatMap((provider) =>
  PROVIDER_REGISTRY[provider].models.flatMap((m) =>
    m.tasks.map((task) => ({ id: m.id, provider, task, tier: m.tier, label: m.label })),
  ),
);

export function findModel(id: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** Models a plan may use for a task, best (highest tier) first; equal tiers keep registry order. */
export function allowedModels(plan: Plan, task: Task, provider?: Provider): CatalogModel[] {
  return MODEL_CATALOG.filter(
    (m) => m.task === task && tierAllowed(plan, m.tier) && (!provider || m.provider === provider),
  ).sort((a, b) => b.tier - a.tier);
}
