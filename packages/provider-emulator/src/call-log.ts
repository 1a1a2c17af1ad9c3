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
      .map((c) => ({ ...c }));
  }

  clear(): void {
    this.#calls = [];
  }
}
