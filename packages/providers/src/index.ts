export {
  createAnthropicClient,
  createGeminiClient,
  createGroqClient,
  createOpenAIClient,
  ProviderOptionError,
  type ClientOptions,
} from "./clients";
export { checkKey, type CheckKeyInput, type CheckKeyResult } from "./check-key";
export { generateText, type GenerateTextInput, type GenerateTextResult } from "./generate-text";
export { transcribe, type TranscribeInput } from "./transcribe";
export { classifyProviderError, toProviderCallError, type ProviderErrorClass } from "./classify-provider-error";
export {
  ProviderCallError,
  BAD_REQUEST_MESSAGE,
  failureMessage,
  type ProviderFailureReason,
} from "./provider-call-error";
export { ADAPTERS } from "./adapters";
export {
  KEY_LIMITS,
  type AudioFile,
  type CallMeta,
  type CallUsage,
  type KeyLimit,
  type ProviderAdapter,
  type TranscribeResult,
} from "./adapters/provider-adapter";
import type { Provider } from "@byok/types";

/** Base URLs per provider; undefined → the registry's default (the real API). */
export type ProviderBaseUrls = Record<Provider, string | undefined>;
