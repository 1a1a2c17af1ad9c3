import { type Provider, isTransientCallReason } from "@byok/types";
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from "cockatiel";
import type { CallReason } from "./llm-router";

export interface BreakerConfig {
  /** Consecutive transient failures of one platform key that open its breaker. */
  threshold: number;
  /** How long an open breaker waits before it lets one trial call through. */
  halfOpenMs: number;
}

export const DEFAULT_BREAKER: BreakerConfig = { threshold: 5, halfOpenMs: 10_000 };

export { BrokenCircuitError };

/**
 * One circuit breaker per platform key (per provider: the platform holds one key each), shared by
 * every job of this process. During a provider's outage an open breaker stops the platform's calls
 * to it at once; the stage then waits within its retry budget instead of failing. Only transient
 * failures count: a user's bad key says nothing about the platform's.
 */
export function createPlatformBreakers(
  config: BreakerConfig,
  classify: (provider: Provider, err: unknown) => { reason: CallReason },
) {
  const breakers = new Map<Provider, CircuitBreakerPolicy>();
  return {
    for(provider: Provider): CircuitBreakerPolicy {
      let breaker = breakers.get(provider);
      if (!breaker) {
        breaker = circuitBreaker(
          handleWhen((err) => isTransientCallReason(classify(provider, err).reason)),
          { halfOpenAfter: config.halfOpenMs, breaker: new ConsecutiveBreaker(config.threshold) },
        );
        breakers.set(provider, breaker);
      }
      return breaker;
    },
    isOpen(provider: Provider): boolean {
      const state = breakers.get(provider)?.state;
      return state === CircuitState.Open || state === CircuitState.Isolated;
    },
  };
}

export type PlatformBreakers = ReturnType<typeof createPlatformBreakers>;
