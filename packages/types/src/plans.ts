import { z } from "zod";
import type { Provider } from "./providers";

export const PLANS = ["free", "start", "pro", "business"] as const;
export const planSchema = z.enum(PLANS);
export type Plan = z.infer<typeof planSchema>;

export const MODEL_TIERS = [0, 1, 2, 3] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

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

export const TASKS = ["stt", "analysis"] as const;
export type Task = (typeof TASKS)[number];

export interface CatalogModel {
  id: string;
  provider: Provider;
  task: Task;
  tier: ModelTier;
  label: string;
}

/** The one model catalog. Order within a provider is cheapest first. */
export const MODEL_CATALOG: readonly CatalogModel[] = [
  { id: "whisper-1", provider: "openai", task: "stt", tier: 0, label: "Whisper" },
  { id: "gpt-4o-mini", provider: "openai", task: "analysis", tier: 0, label: "GPT-4o mini" },
  { id: "gpt-4.1-mini", provider: "openai", task: "analysis", tier: 1, label: "GPT-4.1 mini" },
  { id: "gpt-4.1", provider: "openai", task: "analysis", tier: 2, label: "GPT-4.1" },
  { id: "o3", provider: "openai", task: "analysis", tier: 3, label: "o3" },
  { id: "claude-haiku-4-5", provider: "anthropic", task: "analysis", tier: 1, label: "Claude Haiku 4.5" },
  { id: "claude-sonnet-4-6", provider: "anthropic", task: "analysis", tier: 2, label: "Claude Sonnet 4.6" },
  { id: "claude-opus-4-7", provider: "anthropic", task: "analysis", tier: 3, label: "Claude Opus 4.7" },
  { id: "gemini-2.0-flash-lite", provider: "gemini", task: "analysis", tier: 0, label: "Gemini 2.0 Flash-Lite" },
  { id: "gemini-2.0-flash", provider: "gemini", task: "analysis", tier: 1, label: "Gemini 2.0 Flash" },
  { id: "gemini-2.5-pro", provider: "gemini", task: "analysis", tier: 2, label: "Gemini 2.5 Pro" },
];

export function findModel(id: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** Models a plan may use for a task, best (highest tier) first. */
export function allowedModels(plan: Plan, task: Task, provider?: Provider): CatalogModel[] {
  return MODEL_CATALOG.filter(
    (m) => m.task === task && tierAllowed(plan, m.tier) && (!provider || m.provider === provider),
  ).sort((a, b) => b.tier - a.tier);
}
