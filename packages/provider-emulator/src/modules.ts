import type { Provider } from "@byok/types";
import { anthropicModule } from "./anthropic";
import { geminiModule } from "./gemini";
import { groqModule } from "./groq";
import { openAiModule } from "./openai";
import type { EmulatorModule } from "./provider-handler";

/** Each registry entry's emulation. A new provider in the registry is a compile error here until it has one. */
export const EMULATOR_MODULES: Record<Provider, EmulatorModule> = {
  openai: openAiModule,
  anthropic: anthropicModule,
  gemini: geminiModule,
  groq: groqModule,
};
