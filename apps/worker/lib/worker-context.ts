import type { KeyHealthRepository, RecordingRepository } from "@byok/db";
import type { ProviderBaseUrls } from "@byok/providers";
import type { Provider } from "@byok/types";
import type { WorkerByokCache } from "./byok-cache";
import type { KeepAliveConfig } from "./byok-keep-alive";
import type { PlatformBreakers } from "./platform-breakers";
import type { RetryConfig } from "./retry-budget";
import type { createShutdownSignals } from "./shutdown-signals";
import type { CallReason } from "./llm-router";
import type { ProviderClient, ProviderClientOptions } from "./provider-client";

/** The pino methods the workers use; any pino logger (and @byok/logger's) fits. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

export interface WorkerContext {
  recordings: RecordingRepository;
  keyHealth: KeyHealthRepository;
  byokCache: WorkerByokCache;
  serverKeys: Partial<Record<Provider, string>>;
  baseUrls: ProviderBaseUrls;
  timeoutMs: number;
  /**
   * How long a stage's lease lasts past its last renewal (the BullMQ lock's duration); renewed a few
   * times within it while the stage runs, as BullMQ renews the lock.
   */
  stageLeaseMs: number;
  createClient(options: ProviderClientOptions): ProviderClient;
  classify(provider: Provider, err: unknown): { reason: CallReason; retryAt?: number | undefined };
  logger: Log;
  retry: RetryConfig;
  breakers: PlatformBreakers;
  /** Fired by the process's shutdown: stop starting calls, then abort those in flight. */
  shutdown: ReturnType<typeof createShutdownSignals>;
  byokKeepAlive: KeepAliveConfig;
}

/** The client for one routed call: its provider, key and abort signal, with the process's base URL and timeout. */
export function clientForCall(
  ctx: Pick<WorkerContext, "createClient" | "baseUrls" | "timeoutMs">,
  call: { provider: Provider; apiKey: string; signal?: AbortSignal | undefined },
): ProviderClient {
  return ctx.createClient({
    provider: call.provider,
    apiKey: call.apiKey,
    baseUrl: ctx.baseUrls[call.provider],
    timeoutMs: ctx.timeoutMs,
    signal: call.signal,
  });
}
