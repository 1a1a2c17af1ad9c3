import { createByokCache, type ByokCache, type ByokCacheOptions } from "@byok/byok-cache";

/** What a worker may do with cached keys: read, check, keep alive and clear them, never write new ones. */
export type WorkerByokCache = Pick<ByokCache, "get" | "peek" | "clear" | "entryKey" | "extend">;

export function createWorkerByokCache(options: ByokCacheOptions): WorkerByokCache {
  const cache = createByokCache(options);
  return {
    get: (userId, ref) => cache.get(userId, ref),
    peek: (userId, ref) => cache.peek(userId, ref),
    clear: (userId, ref) => cache.clear(userId, ref),
    entryKey: (userId, ref) => cache.entryKey(userId, ref),
    extend: (userId, ref, ttlMs) => cache.extend(userId, ref, ttlMs),
  };
}
