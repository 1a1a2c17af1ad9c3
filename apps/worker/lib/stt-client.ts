import { createOpenAIClient, transcribe, transcribeWith } from "@byok/providers";

export interface AudioFile {
  name: string;
  data: Uint8Array;
  type: string;
}

export interface TranscribeOptions {
  /** The user's key: a client is built for this one call. Without it the platform client is used. */
  apiKey?: string;
  model?: string;
}

export interface SttClient {
  transcribe(file: AudioFile, options?: TranscribeOptions): Promise<{ text: string }>;
}

export interface SttClientConfig {
  serverKey: string | undefined;
  baseUrl: string | undefined;
  timeoutMs: number;
}

export class NoServerKeyError extends Error {
  constructor() {
    super("No platform OpenAI key is configured for transcription.");
    this.name = "NoServerKeyError";
  }
}

export function createSttClient({ serverKey, baseUrl, timeoutMs }: SttClientConfig): SttClient {
  const serverClient = serverKey ? createOpenAIClient({ apiKey: serverKey, baseUrl, timeoutMs }) : null;
  return {
    async transcribe(file, { apiKey, model = "whisper-1" } = {}) {
      // A user's key gets a client of its own for this one call (@byok/providers builds it).
      if (apiKey) return transcribe({ apiKey, baseUrl, model, file, timeoutMs });
      if (!serverClient) throw new NoServerKeyError();
      return transcribeWith(serverClient, { model, file });
    },
  };
}
