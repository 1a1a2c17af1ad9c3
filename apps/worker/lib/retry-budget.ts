import { ExponentialBackoff, type IBackoff } from "cockatiel";

export interface RetryConfig {
  /** How long a stage may spend waiting to retry transient failures before it moves on or fails. */
  budgetMs: number;
  /** The first backoff delay; it roughly doubles, with decorrelated jitter, up to maxDelayMs. */
  baseMs: number;
  maxDelayMs: number;
  /** A provider's `retry-after` is honoured up to this; a longer one is the provider's quota, not a blip. */
  retryAfterCapMs: number;
}

/** The defaults: 1 s doubling to 30 s and a 150 s budget, so a 2-minute provider outage is waited out. */
export const DEFAULT_RETRY: RetryConfig = {
  budgetMs: 150_000,
  baseMs: 1_000,
  maxDelayMs: 30_000,
  retryAfterCapMs: 60_000,
};

/**
 * One stage's retry clock. Each key retried keeps its own backoff sequence (cockatiel's exponential
 * backoff with decorrelated jitter); the time waited is shared by the whole stage.
 */
export class RetryBudget {
  readonly #config: RetryConfig;
  readonly #startedAt: number;
  readonly #backoffs = new Map<string, IBackoff<unknown>>();
  readonly #factory: ExponentialBackoff<unknown>;

  constructor(config: RetryConfig, now = Date.now()) {
    this.#config = config;
    this.#startedAt = now;
    this.#factory = new ExponentialBackoff({ initialDelay: config.baseMs, maxDelay: config.maxDelayMs });
  }

  /**
   * How long to wait before trying `key` again, or null when the budget cannot cover it. A
   * `retryAt` the provider named (retry-after) is a floor, capped at retryAfterCapMs.
   */
  nextDelay(key: string, retryAt?: number, now = Date.now()): number | null {
    const previous = this.#backoffs.get(key);
    const backoff = previous ? previous.next(undefined) : this.#factory.next();
    this.#backoffs.set(key, backoff);
    const asked = retryAt !== undefined ? Math.min(Math.max(0, retryAt - now), this.#config.retryAfterCapMs) : 0;
    const delay = Math.max(Math.round(backoff.duration), asked);
    return now + delay - this.#startedAt <= this.#config.budgetMs ? delay : null;
  }

  /** Time left in the budget (for a wait that has no backoff of its own, like an open breaker). */
  remainingMs(now = Date.now()): number {
    return Math.max(0, this.#config.budgetMs - (now - this.#startedAt));
  }
}
