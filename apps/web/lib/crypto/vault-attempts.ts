import { VaultError } from "~/lib/crypto/vault-errors";

/**
 * Slows down guessing at the unlock prompt. A UX guard only: it lives in this tab's memory and a
 * reload resets it. The real protection against guessing is the PBKDF2 cost of every attempt.
 */
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

export interface AttemptGuard {
  /** Throws TOO_MANY_ATTEMPTS (with the retry time) while a delay is running. */
  check(): void;
  failed(): void;
  succeeded(): void;
}

export function createAttemptGuard(now: () => number): AttemptGuard {
  let failures = 0;
  let retryAt = 0;
  return {
    check() {
      const t = now();
      if (t < retryAt) {
        throw new VaultError(
          "TOO_MANY_ATTEMPTS",
          `Too many wrong passwords. Try again in ${Math.ceil((retryAt - t) / 1000)} s.`,
          { retryAt, retryAfterMs: retryAt - t },
        );
      }
    },
    failed() {
      failures += 1;
      if (failures >= FREE_ATTEMPTS) {
        retryAt = now() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
      }
    },
    succeeded() {
      failures = 0;
      retryAt = 0;
    },
  };
}
