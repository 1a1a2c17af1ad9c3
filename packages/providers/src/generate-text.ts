import type { Provider } from "@byok/types";
import { createAnthropicClient, createGeminiClient, createOpenAIClient, type ClientOptions } from "./clients";
import { toProviderCallError } from "./classify-provider-error";
import { sendableKey } from "./sendable-key";

export interface GenerateTextInput {
  provider: Provider;
  apiKey: string;
  baseUrl?: string;
  model: string;
  system?: string;
  prompt: string;
  timeoutMs?: number;
  maxTokens?: number;
}

export interface GenerateTextResult {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
}

interface Request {
  client: ClientOptions;
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
}

async function openAiText({ client, model, system, prompt, maxTokens }: Request): Promise<GenerateTextResult> {
  const completion = await createOpenAIClient(client).chat.completions.create({
    model,
    max_completion_tokens: maxTokens,
    messages: [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user" as const, content: prompt }],
  });
  const usage = completion.usage;
  return {
    text: completion.choices[0]?.message.content ?? "",
    ...(usage ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } } : {}),
  };
}

async function anthropicText({ client, model, system, prompt, maxTokens }: Request): Promise<GenerateTextResult> {
  const message = await createAnthropicClient(client).messages.create({
    model,
    max_tokens: maxTokens,
    ...(system ? { system } : {}),
    messages: [{ role: "user", content: prompt }],
  });
  return {
    text: message.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
    usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
  };
}

async function geminiText({ client, model, system, prompt, maxTokens }: Request): Promise<GenerateTextResult> {
  const response = await createGeminiClient(client).models.generateContent({
    model,
    contents: prompt,
    config: { maxOutputTokens: maxTokens, ...(system ? { systemInstruction: system } : {}) },
  });
  const usage = response.usageMetadata;
  return {
    text: response.text ?? "",
    ...(usage ? { usage: { inputTokens: usage.promptTokenCount ?? 0, outputTokens: usage.candidatesTokenCount ?? 0 } } : {}),
  };
}

const GENERATORS: Record<Provider, (request: Request) => Promise<GenerateTextResult>> = {
  openai: openAiText,
  anthropic: anthropicText,
  gemini: geminiText,
};

/** One completion. Any failure becomes a ProviderCallError with a reason and no provider text. */
export async function generateText(input: GenerateTextInput): Promise<GenerateTextResult> {
  const { provider, baseUrl, model, system = "", prompt, timeoutMs = 60_000, maxTokens = 1024 } = input;
  try {
    const apiKey = sendableKey(provider, input.apiKey);
    return await GENERATORS[provider]({ client: { apiKey, baseUrl, timeoutMs }, model, system, prompt, maxTokens });
  } catch (err) {
    throw toProviderCallError(provider, err);
  }
}
