import { isTransientCallError } from "~/components/ui/describe-call-error";

/** The part of a React Query query that the schedule reads. */
export interface PolledQueryState<T> {
  state: { data: T | undefined; error: unknown; status: "pending" | "error" | "success"; errorUpdateCount: number };
}

/** Delay before the next poll after `failures` failed polls in a row: doubling from `baseMs`, capped at `maxMs`. */
export function pollDelay(baseMs: number, failures: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures));
}

/**
 * A `refetchInterval` that polls every `baseMs` while `shouldPoll(data)` holds, and keeps polling
 * through failures that a later answer can cure, backing off, so a short outage ends by itself
 * instead of leaving the screen on an error. A permanent failure (not found, signed out) stops it.
 */
export function backoffPolling<T>({
  baseMs,
  maxMs = 30_000,
  shouldPoll,
}: {
  baseMs: number;
  maxMs?: number;
  shouldPoll: (data: T) => boolean;
}): (query: PolledQueryState<T>) => number | false {
  // React Query counts errors over the query's life; the failures in a row are those since the last success.
  let errorsBeforeStreak = 0;
  return ({ state }) => {
    if (state.data !== undefined && !shouldPoll(state.data)) return false;
    if (state.status !== "error") {
      errorsBeforeStreak = state.errorUpdateCount;
      return baseMs;
    }
    if (!isTransientCallError(state.error)) return false;
    return pollDelay(baseMs, state.errorUpdateCount - errorsBeforeStreak, maxMs);
  };
}
