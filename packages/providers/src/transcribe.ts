import { toFile } from "openai";
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
  const { baseUrl, model = "whisper-1", file, timeoutMs = 120_000 } = input;
  try {
    const apiKey = sendableKey("openai", input.apiKey);
    const upload = await toFile(file.data, file.name, { type: file.type });
    const result = await createOpenAIClient({ apiKey, baseUrl, timeoutMs }).audio.transcriptions.create({
      model,
      file: upload,
      response_format: "json",
    });
    return { text: result.text };
  } catch (err) {
    throw toProviderCallError("openai", err);
  }
}
