import { createOpenAIClient } from "@byok/providers";
import { toFile } from "openai";

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
  const build = (apiKey: string) => createOpenAIClient({ apiKey, baseUrl, timeoutMs });
  const serverClient = serverKey ? build(serverKey) : null;
  return {
    async transcribe(file, { apiKey, model = "whisper-1" } = {}) {
      const client = apiKey ? build(apiKey) : serverClient;
      if (!client) throw new NoServerKeyError();
      const upload = await toFile(file.data, file.name, { type: file.type });
      const res = await client.audio.transcriptions.create({ file: upload, model, response_format: "json" });
      return { text: res.text };
    },
  };
}
