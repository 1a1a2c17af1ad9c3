import { defineProvider } from "../provider-descriptor";

export const anthropic = defineProvider({
  id: "anthropic",
  label: "Anthropic",
  settingsOrder: 2,
  key: {
    pattern: /^sk-ant-[A-Za-z0-9_-]{16,256}$/,
    hint: "Anthropic keys start with “sk-ant-”.",
    maskPrefix: "sk-ant-",
    scrub: /sk-ant-[A-Za-z0-9_-]{8,}/,
  },
  env: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
  defaultBaseUrl: "https://api.anthropic.com",
  capabilities: { stt: false, analysis: true },
  models: [
    {
      id: "claude-haiku-4-5",
      label: "Claude Haiku 4.5",
      tier: 1,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 1, outputPerMillion: 5 },
    },
    {
      id: "claude-sonnet-4-6",
      label: "Claude Sonnet 4.6",
      tier: 2,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 3, outputPerMillion: 15 },
    },
    {
      id: "claude-opus-4-7",
      label: "Claude Opus 4.7",
      tier: 3,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 5, outputPerMillion: 25 },
    },
  ],
  prices: { takenOn: "2025-11-25", source: "https://docs.claude.com/en/docs/about-claude/pricing" },
  links: {
    createKey: "https://console.anthropic.com/settings/keys",
    billing: "https://console.anthropic.com/settings/billing",
  },
});
