import type { Provider } from "@byok/types";
import type { Behaviour } from "./behaviours";

/** A provider-wide condition for a while: an outage, a rate limit, slowness. */
export interface Fault {
  /** Every provider when absent. */
  provider?: Provider;
  behaviour: Extract<Behaviour, "error" | "ratelimit" | "slow">;
  /** How long it lasts from now. */
  forMs: number;
  /** For `ratelimit`: the `retry-after` header's seconds (the behaviour's own is 1). */
  retryAfterSeconds?: number;
}

interface Scheduled extends Fault {
  until: number;
}

/** Faults in force now; expired ones are dropped as they are looked up. */
export class FaultSchedule {
  #faults: Scheduled[] = [];

  add(fault: Fault): void {
    if (!Number.isFinite(fault.forMs) || fault.forMs <= 0)
      throw new RangeError("a fault's forMs must be a positive number of milliseconds");
    this.#faults.push({ ...fault, until: Date.now() + fault.forMs });
  }

  active(provider: Provider): Scheduled | undefined {
    const now = Date.now();
    this.#faults = this.#faults.filter((f) => f.until > now);
    return this.#faults.find((f) => f.provider === undefined || f.provider === provider);
  }
}
