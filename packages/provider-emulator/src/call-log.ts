import type { Provider } from "@byok/types";
import type { EmulatorEndpoint } from "./provider-handler";
import { keyFingerprint } from "./keys";

export interface EmulatorCall {
  provider: Provider;
  endpoint: EmulatorEndpoint;
  model: string | null;
  /** sha256 prefix of the key the request carried; never the key. */
  keyFingerprint: string | null;
  status: number;
  at: number;
  /**
   * Whether the answer reached the client: false while it is being computed, and for good when the
   * client went away first (a provider bills such a call; its caller never saw the answer).
   */
  answered: boolean;
  /** When the answer was written (ms epoch); null while unanswered. */
  answeredAt: number | null;
  /** Units from the answer's usage fields, as the provider bills them; null when it reported none. */
  usage: CallUsage | null;
  /** The provider's id for the request (header or body), where it gives one. */
  requestId: string | null;
}

export interface CallUsage {
  inputTokens?: number;
  outputTokens?: number;
  audioSeconds?: number;
}

export interface CallFilter {
  provider?: Provider;
  endpoint?: EmulatorEndpoint;
  model?: string | null;
  status?: number;
  keyFingerprint?: string;
  /** Convenience for tests: matched by fingerprint, the key itself is not kept. */
  key?: string;
}

// A long-running dev emulator must not grow without bound; tests clear far more often than this.
const MAX_CALLS = 10_000;

export class CallLog {
  #calls: EmulatorCall[] = [];

  record(call: EmulatorCall): void {
    this.#calls.push(call);
    if (this.#calls.length > MAX_CALLS) this.#calls.splice(0, this.#calls.length - MAX_CALLS);
  }

  /** The stored call itself, so the server can mark it answered later. */
  recordLive(call: EmulatorCall): EmulatorCall {
    this.record(call);
    return call;
  }

  list(filter: CallFilter = {}): EmulatorCall[] {
    const fingerprint = filter.key !== undefined ? keyFingerprint(filter.key) : filter.keyFingerprint;
    return this.#calls
      .filter(
        (c) =>
          (filter.provider === undefined || c.provider === filter.provider) &&
          (filter.endpoint === undefined || c.endpoint === filter.endpoint) &&
          (filter.model === undefined || c.model === filter.model) &&
          (filter.status === undefined || c.status === filter.status) &&
          (fingerprint === undefined || c.keyFingerprint === fingerprint),
      )
      .map((c) => ({ ...c, usage: c.usage ? { ...c.usage } : null }));
  }

  clear(): void {
    this.#calls = [];
  }
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const rec = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The units an answer's body reports, in each provider's own fields (the ones the SDKs expose). */
export function usageOf(body: unknown): CallUsage | null {
  const b = rec(body);
  if (!b) return null;
  const usage = rec(b.usage);
  // OpenAI, Groq chat: prompt/completion tokens; Anthropic: input/output tokens.
  const input = num(usage?.prompt_tokens) ?? num(usage?.input_tokens);
  const output = num(usage?.completion_tokens) ?? num(usage?.output_tokens);
  if (input !== undefined || output !== undefined) return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  // Whisper's json: `usage: { type: "duration", seconds }`; verbose_json (Whisper, Groq): `duration`.
  const seconds = usage?.type === "duration" ? num(usage.seconds) : num(b.duration);
  if (seconds !== undefined) return { audioSeconds: seconds };
  const meta = rec(b.usageMetadata);
  if (meta) return { inputTokens: num(meta.promptTokenCount) ?? 0, outputTokens: num(meta.candidatesTokenCount) ?? 0 };
  return null;
}

/** The request id a provider returns: a header (OpenAI, Groq, Anthropic) or a body field (Gemini). */
export function requestIdOf(headers: Record<string, string> | undefined, body: unknown): string | null {
  const h = headers ?? {};
  const fromHeader = h["x-request-id"] ?? h["request-id"];
  if (fromHeader) return fromHeader;
  const b = rec(body);
  return typeof b?.responseId === "string" ? b.responseId : null;
}
