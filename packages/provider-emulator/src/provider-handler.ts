import type { IncomingHttpHeaders } from "node:http";
import { MODEL_CATALOG, type Provider, type Task } from "@byok/types";
import type { Reply } from "./http-util";
import type { Behaviour } from "./behaviours";

export type EmulatorEndpoint =
  "models" | "chat/completions" | "audio/transcriptions" | "messages" | "generateContent" | "unknown";

export interface ProviderRequest {
  method: string;
  /** Path below the provider's mount, e.g. `/v1/models` for `/openai/v1/models`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The behaviour written into a key minted for this provider; null for any other string. */
  behaviourOf(apiKey: string): Behaviour | null;
}

/** A handler's answer plus what the call log needs to know about the request. */
export interface Handled {
  endpoint: EmulatorEndpoint;
  model: string | null;
  apiKey: string | null;
  behaviour: Behaviour | null;
  reply: Reply;
}

export interface ProviderHandler {
  provider: Provider;
  handle(req: ProviderRequest): Promise<Handled>;
  /** The provider's answer to a body over the size limit. */
  tooLarge(limitBytes: number, receivedBytes: number): Reply;
  /** The provider's answer when the emulator itself fails; never carries a stack. */
  internalError(): Reply;
}

/** One provider's emulation: its key format, the behaviours its real API has, and its HTTP handler. */
export interface EmulatorModule {
  provider: Provider;
  /** Emulator keys start with this; it must make them unlike any real key of the provider. */
  keyPrefix: string;
  /** Appended to the emulator's URL, this is the base URL the provider's SDK takes. */
  basePath: string;
  behaviours: readonly Behaviour[];
  handler: ProviderHandler;
}

export function catalogModels(provider: Provider, task?: Task): string[] {
  return [
    ...new Set(MODEL_CATALOG.filter((m) => m.provider === provider && (!task || m.task === task)).map((m) => m.id)),
  ];
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Text of a message `content` that is either a string or a list of `{ type: "text", text }` parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) =>
      part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string"
        ? (part as { text: string }).text
        : "",
    )
    .filter(Boolean)
    .join("\n");
}
