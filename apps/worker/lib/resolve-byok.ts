import type { ByokState } from "./llm-router";
import type { WorkerByokCache } from "./byok-cache";
import { isInfrastructureError } from "./infrastructure-error";
import type { Log } from "./worker-context";

/**
 * Reads the user's keys once per job. An entry that is gone, or that cannot be decrypted, counts as
 * expired. Redis failing to answer does not: that says nothing about the keys, and calling it
 * `byok_expired` would move the stage to the platform's keys (under `fallback`) or fail it (under
 * `byok_only`) for an outage of ours. It is rethrown, so the stage runs again shortly without using
 * an attempt (stage-runner).
 */
export async function resolveByok(
  cache: Pick<WorkerByokCache, "get">,
  userId: string,
  ref: string | undefined,
  log: Log,
): Promise<ByokState> {
  if (!ref) return { kind: "none" };
  try {
    const keys = await cache.get(userId, ref);
    return keys ? { kind: "keys", keys } : { kind: "unavailable", reason: "byok_expired" };
  } catch (err) {
    if (isInfrastructureError(err)) throw err;
    // The error's text is not logged: a decrypt failure is all we need to know.
    log.warn({ errorName: err instanceof Error ? err.name : "unknown" }, "BYOK entry could not be read");
    return { kind: "unavailable", reason: "byok_expired" };
  }
}
