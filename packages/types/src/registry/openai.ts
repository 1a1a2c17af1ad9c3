import { defineProvider } from "../provider-descriptor";

export const openai = defineProvider({
  id: "openai",
  label: "OpenAI",
  settingsOrder: 1,
  key: {
    // An Anthropic key also starts with "sk-".
    pattern: /^sk-(?!ant-)[A-Za-z0-9_-]{16,256}$/,
    hint: "OpenAI keys start with “sk-” (for example sk-proj-…).",
    maskPrefix: "sk-",
    scrub: /sk-[A-Za-z0-9_-]{12,}/,
  },
  env: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  defaultBaseUrl: "https://api.openai.com/v1",
  capabilities: { stt: true, analysis: true },
  models: [
    { id: "whisper-1", label: "Whisper", tier: 0, tasks: ["stt"], price: { unit: "audio_minute", perMinute: 0.006 } },
    {
      id: "gpt-4o-mini",
      label: "GPT-4o mini",
      tier: 0,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.15, outputPerMillion: 0.6 },
    },
    {
      id: "gpt-4.1-mini",
      label: "GPT-4.1 mini",
      tier: 1,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.4, outputPerMillion: 1.6 },
    },
    {
      id: "gpt-4.1",
      label: "GPT-4.1",
      tier: 2,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 2, outputPerMillion: 8 },
    },
    {
      id: "o3",
      label: "o3",
      tier: 3,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 2, outputPerMillion: 8 },
    },
  ],
  prices: { takenOn: "2025-08-01", source: "https://platform.openai.com/docs/pricing" },
  links: {
    createKey: "https://platform.openai.com/api-keys",
    billing: "https://platform.openai.com/settings/organization/billing/overview",
  },
});
