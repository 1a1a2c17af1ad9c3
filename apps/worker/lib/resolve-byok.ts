import type { ByokState } from "./llm-router";
import type { WorkerByokCache } from "./byok-cache";
import type { Log } from "./worker-context";

/** Reads the user's keys once per job; an entry that is gone or unreadable counts as expired. */
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
    // The error's text is not logged: a decrypt failure is all we need to know.
    log.warn({ errorName: err instanceof Error ? err.name : "unknown" }, "BYOK entry could not be read");
    return { kind: "unavailable", reason: "byok_expired" };
  }
}
