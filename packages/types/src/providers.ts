import { z } from "zod";

export const PROVIDERS = ["openai", "anthropic", "gemini"] as const;
export const providerSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof providerSchema>;

export function isProvider(value: unknown): value is Provider {
  return (PROVIDERS as readonly unknown[]).includes(value);
}

export const PROVIDER_LABELS: Record<Provider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
};

/**
 * Lenient shape checks (docs/decisions.md, Contracts): prefix, length and charset only. They catch pastes of the
 * wrong thing; the provider call decides whether a key is good. Order matters for the OpenAI check:
 * an Anthropic key also starts with `sk-`.
 */
const KEY_SHAPES: Record<Provider, { pattern: RegExp; hint: string }> = {
  openai: {
    pattern: /^sk-(?!ant-)[A-Za-z0-9_-]{16,256}$/,
    hint: "OpenAI keys start with “sk-” (for example sk-proj-…).",
  },
  anthropic: {
    pattern: /^sk-ant-[A-Za-z0-9_-]{16,256}$/,
    hint: "Anthropic keys start with “sk-ant-”.",
  },
  gemini: {
    pattern: /^AIza[A-Za-z0-9_-]{16,128}$/,
    hint: "Google Gemini keys start with “AIza”.",
  },
};

export function keyFormatHint(provider: Provider): string {
  return KEY_SHAPES[provider].hint;
}

export function isPlausibleKey(provider: Provider, key: string): boolean {
  return KEY_SHAPES[provider].pattern.test(key);
}

/** `sk-…a1b2`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const head = key.startsWith("sk-ant-") ? "sk-ant-" : key.startsWith("sk-") ? "sk-" : key.slice(0, 4);
  return `${head}…${key.slice(-4)}`;
}

/** Any string shaped like a real provider key or an emulator key; used by log scrubbing and leak sweeps. */
export const KEY_LIKE_PATTERN =
  /\b(?:sk-ant-[A-Za-z0-9_-]{8,}|sk-[A-Za-z0-9_-]{12,}|AIza[A-Za-z0-9_-]{12,})/g;
