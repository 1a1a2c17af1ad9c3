import type { ClientOptions } from "../clients";
import type { ProviderFailureReason } from "../provider-call-error";

export interface AudioFile {
  name: string;
  data: Uint8Array;
  type: string;
}

export interface TextRequest {
  client: ClientOptions;
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
  /** Aborts the request (a worker shutting down at its deadline). */
  signal?: AbortSignal | undefined;
}

export interface TranscribeRequest {
  client: ClientOptions;
  model: string;
  file: AudioFile;
  signal?: AbortSignal | undefined;
}

/** What the provider's answer says the call used, in the units it bills by; absent: not reported. */
export interface CallUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** The part of inputTokens that was audio (priced apart by Gemini). */
  audioInputTokens?: number;
  audioSeconds?: number;
}

/** What every successful call returns besides its answer: for the usage ledger. */
export interface CallMeta {
  usage?: CallUsage;
  /** The provider's id for the request (a response header or body field), where it gives one. */
  requestId?: string;
}

export interface GenerateTextResult extends CallMeta {
  text: string;
}

export interface TranscribeResult extends CallMeta {
  text: string;
}

/** What a key that passed the key test still cannot do (a restricted key). */
export const KEY_LIMITS = ["list_models", "transcription", "analysis"] as const;
export type KeyLimit = (typeof KEY_LIMITS)[number];

export interface ProviderErrorClass {
  reason: ProviderFailureReason;
  status?: number;
  requestId?: string;
  /** ms epoch: when the provider said access returns. */
  retryAt?: number;
}

/** One provider's half of its registry record that needs the SDK (docs/providers.md). */
export interface ProviderAdapter {
  /**
   * Judges a key by a call that costs nothing and that the key can make. Resolves with what the
   * key cannot do; throws (to be classified) when the key is not usable at all.
   */
  checkKey(client: ClientOptions): Promise<KeyLimit[]>;
  generateText(request: TextRequest): Promise<GenerateTextResult>;
  /** Absent when the registry says the provider cannot transcribe. */
  transcribe?(request: TranscribeRequest): Promise<TranscribeResult>;
  /** This SDK's errors; undefined for anything it does not recognise. */
  classify(err: unknown): ProviderErrorClass | undefined;
}
