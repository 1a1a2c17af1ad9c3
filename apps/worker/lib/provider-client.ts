import { createAnthropicClient, createGeminiClient, createOpenAIClient } from "@byok/providers";
import type { Provider } from "@byok/types";

export interface ProviderClientOptions {
  provider: Provider;
  apiKey: string;
  baseUrl: string | undefined;
  timeoutMs: number;
}

export interface TextRequest {
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
}

export interface ProviderClient {
  provider: Provider;
  generateText(request: TextRequest): Promise<string>;
}

/**
 * One SDK client for one call with one key, from @byok/providers' fail-fast factories (no SDK
 * retries, explicit timeout): the router decides about fallback and BullMQ owns retries.
 */
export function createProviderClient({ provider, apiKey, baseUrl, timeoutMs }: ProviderClientOptions): ProviderClient {
  switch (provider) {
    case "openai": {
      const client = createOpenAIClient({ apiKey, baseUrl, timeoutMs });
      return {
        provider,
        async generateText({ model, system, prompt, maxTokens }) {
          const res = await client.chat.completions.create({
            model,
            max_tokens: maxTokens,
            messages: [
              { role: "system", content: system },
              { role: "user", content: prompt },
            ],
          });
          return res.choices[0]?.message.content ?? "";
        },
      };
    }
    case "anthropic": {
      const client = createAnthropicClient({ apiKey, baseUrl, timeoutMs });
      return {
        provider,
        async generateText({ model, system, prompt, maxTokens }) {
          const res = await client.messages.create({
            model,
            max_tokens: maxTokens,
            system,
            messages: [{ role: "user", content: prompt }],
          });
          return res.content.map((block) => (block.type === "text" ? block.text : "")).join("");
        },
      };
    }
    case "gemini": {
      const client = createGeminiClient({ apiKey, baseUrl, timeoutMs });
      return {
        provider,
        async generateText({ model, system, prompt, maxTokens }) {
          const res = await client.models.generateContent({
            model,
            contents: prompt,
            config: { systemInstruction: system, maxOutputTokens: maxTokens },
          });
          return res.text ?? "";
        },
      };
    }
  }
}
