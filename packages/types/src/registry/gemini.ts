import { defineProvider } from "../provider-descriptor";

export const gemini = defineProvider({
  id: "gemini",
  label: "Google Gemini",
  settingsOrder: 0,
  key: {
    pattern: /^AIza[A-Za-z0-9_-]{16,128}$/,
    hint: "Google Gemini keys start with “AIza”.",
    maskPrefix: "AIza",
    scrub: /AIza[A-Za-z0-9_-]{12,}/,
  },
  env: { apiKey: "GEMINI_API_KEY", baseUrl: "GEMINI_BASE_URL" },
  defaultBaseUrl: "https://generativelanguage.googleapis.com",
  capabilities: { stt: true, analysis: true },
  models: [
    {
      id: "gemini-2.0-flash-lite",
      label: "Gemini 2.0 Flash-Lite",
      tier: 0,
      // Transcribes by audio understanding: generateContent with the audio inline and an instruction.
      tasks: ["stt", "analysis"],
      price: { unit: "tokens", inputPerMillion: 0.075, outputPerMillion: 0.3, audioInputPerMillion: 0.075 },
    },
    {
      id: "gemini-2.0-flash",
      label: "Gemini 2.0 Flash",
      tier: 1,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 0.1, outputPerMillion: 0.4, audioInputPerMillion: 0.7 },
    },
    {
      id: "gemini-2.5-pro",
      label: "Gemini 2.5 Pro",
      tier: 2,
      tasks: ["analysis"],
      price: { unit: "tokens", inputPerMillion: 1.25, outputPerMillion: 10 },
    },
  ],
  prices: { takenOn: "2025-08-01", source: "https://ai.google.dev/gemini-api/docs/pricing" },
  links: {
    createKey: "https://aistudio.google.com/app/apikey",
    billing: "https://aistudio.google.com/usage",
  },
});
