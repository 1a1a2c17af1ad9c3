import { defineProvider } from "../provider-descriptor";

export const groq = defineProvider({
  id: "groq",
  label: "Groq",
  settingsOrder: 3,
  key: {
    // Real keys are "gsk_" and 52 letters or digits; the lenient check also takes emulator keys.
    pattern: /^gsk_[A-Za-z0-9_-]{16,256}$/,
    hint: "Groq keys start with “gsk_”.",
    maskPrefix: "gsk_",
    scrub: /gsk_[A-Za-z0-9_-]{12,}/,
  },
  env: { apiKey: "GROQ_API_KEY", baseUrl: "GROQ_BASE_URL" },
  // groq-sdk's form: it appends /openai/v1/… itself.
  defaultBaseUrl: "https://api.groq.com",
  capabilities: { stt: true, analysis: true },
  models: [
    {
      id: "whisper-large-v3-turbo",
      label: "Whisper large v3 turbo",
      tier: 0,
      tasks: ["stt"],
      price: { unit: "audio_minute", perMinute: 0.04 / 60 },
    },
    {
      id: "whisper-large-v3",
      label: "Whisper large v3",
      tier: 0,
      tasks: ["stt"],
      price: { unit: "audio_minute", perMinute: 0.111 / 60 },
    },
    {
      id: "llama-3.1-8b-instant",
      label: "Llama 3.1 8B Instant",
      tier: 0,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.05, outputPerMillion: 0.08 },
    },
    {
      id: "llama-3.3-70b-versatile",
      label: "Llama 3.3 70B Versatile",
      tier: 1,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.59, outputPerMillion: 0.79 },
    },
    {
      id: "openai/gpt-oss-120b",
      label: "GPT-OSS 120B",
      tier: 2,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.15, outputPerMillion: 0.75 },
    },
  ],
  prices: { takenOn: "2025-08-01", source: "https://groq.com/pricing" },
  links: {
    createKey: "https://console.groq.com/keys",
    billing: "https://console.groq.com/settings/billing",
  },
});
