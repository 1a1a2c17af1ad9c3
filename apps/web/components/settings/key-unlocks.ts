import {
  PLANS,
  PLAN_MAX_TIER,
  PROVIDER_REGISTRY,
  TASKS,
  type ModelTier,
  type Plan,
  type Provider,
  type ProviderDescriptor,
  type Task,
} from "@byok/types";

export const TASK_NAMES: Record<Task, string> = { stt: "Speech-to-text", analysis: "Analysis" };

export interface StageUnlock {
  task: Task;
  /** The provider's models for this stage that the plan allows, best first; empty when it has none. */
  models: string[];
  /** Does the provider do this stage at all (Anthropic does no speech-to-text)? */
  offered: boolean;
}

export interface LockedModel {
  label: string;
  tier: ModelTier;
  /** The cheapest plan that allows it. */
  plan: Plan;
}

export interface KeyUnlocks {
  stages: StageUnlock[];
  /** The provider's models above the plan's tier, cheapest plan first. */
  locked: LockedModel[];
}

/** "pro" → "Pro": plan names as the page says them. */
export function planName(plan: Plan): string {
  return plan.charAt(0).toUpperCase() + plan.slice(1);
}

function cheapestPlanFor(tier: ModelTier): Plan {
  // Every tier has a plan: the top plan runs tier 3, the highest there is.
  return PLANS.find((plan) => PLAN_MAX_TIER[plan] >= tier) ?? "business";
}

/** What a key of `provider` lets a user on `plan` run, by stage, from the registry's models and tiers. */
export function keyUnlocks(provider: Provider, plan: Plan): KeyUnlocks {
  const { models, capabilities }: ProviderDescriptor = PROVIDER_REGISTRY[provider];
  const maxTier = PLAN_MAX_TIER[plan];
  const stages = TASKS.map((task) => ({
    task,
    offered: capabilities[task],
    models: models
      .filter((m) => m.tasks.includes(task) && m.tier <= maxTier)
      .sort((a, b) => b.tier - a.tier)
      .map((m) => m.label),
  }));
  const locked = models
    .filter((m) => m.tier > maxTier)
    .map((m) => ({ label: m.label, tier: m.tier, plan: cheapestPlanFor(m.tier) }));
  return { stages, locked };
}

/** The one sentence that says what a tier is, wherever the word appears. */
export function tierSentence(plan: Plan): string {
  return `Every model has a tier from 0 (lightest) to 3 (most capable); the ${planName(plan)} plan runs models up to tier ${PLAN_MAX_TIER[plan]}.`;
}
