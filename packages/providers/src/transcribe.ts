import OpenAI, { toFile } from "openai";
import { createOpenAIClient } from "./clients";
import { toProviderCallError } from "./classify-provider-error";
import { sendableKey } from "./sendable-key";

export interface TranscribeInput {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  file: { name: string; data: Uint8Array; type: string };
  timeoutMs?: number;
}

/** OpenAI speech-to-text (Whisper). Failures become ProviderCallError, as for generateText. */
export async function transcribe(input: TranscribeInput): Promise<{ text: string }> {
  const { baseUrl, timeoutMs = 120_000 } = input;
  let client: OpenAI;
  try {
    client = createOpenAIClient({ apiKey: sendableKey("openai", input.apiKey), baseUrl, timeoutMs });
  } catch (err) {
    throw toProviderCallError("openai", err);
  }
  return transcribeWith(client, input);
}

/** The same call with a client the caller keeps (the worker's long-lived platform client). */
export async function transcribeWith(client: OpenAI, { model = "whisper-1", file }: Pick<TranscribeInput, "model" | "file">): Promise<{ text: string }> {
  try {
    const upload = await toFile(file.data, file.name, { type: file.type });
    const result = await client.audio.transcriptions.create({ model, file: upload, response_format: "json" });
    return { text: result.text };
  } catch (err) {
    throw toProviderCallError("openai", err);
  }
}
