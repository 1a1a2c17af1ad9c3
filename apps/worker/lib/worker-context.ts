import type { RecordingStore } from "@byok/pipeline";
import type { ProviderBaseUrls } from "@byok/providers";
import type { ByokPolicy, Plan, Provider } from "@byok/types";
import type { WorkerByokCache } from "./byok-cache";
import type { CallReason } from "./llm-router";
import type { ProviderClient, ProviderClientOptions } from "./provider-client";

/** The pino methods the workers use; any pino logger (and @byok/logger's) fits. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

export interface AccountReader {
  get(userId: string): Promise<{ plan: Plan; policy: ByokPolicy } | null>;
}

export interface WorkerContext {
  recordings: RecordingStore;
  accounts: AccountReader;
  byokCache: WorkerByokCache;
  serverKeys: Partial<Record<Provider, string>>;
  baseUrls: ProviderBaseUrls;
  timeoutMs: number;
  createClient(options: ProviderClientOptions): ProviderClient;
  classify(provider: Provider, err: unknown): { reason: CallReason };
  logger: Log;
}
