import type { Provider } from "@byok/types";
import type { Redis } from "ioredis";

// Hash and TTL in one step, and never over an existing entry: the NX of `SET … EX 300 NX`
// for a hash, which has no SET-style flags.
const WRITE_ONCE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[1], 'p', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

interface WriteOnceClient extends Redis {
  byokWriteEntryOnce(key: string, token: string, providers: string, ttlSeconds: number): Promise<number>;
}

/** Writes fields `t` (token) and `p` (providers) with a TTL; false if the key already exists. */
export type WriteEntryOnce = (key: string, entry: { token: string; providers: readonly Provider[] }, ttlSeconds: number) => Promise<boolean>;

/** Defines the script on this client: ioredis runs it by SHA1 and loads it only on NOSCRIPT. */
export function defineWriteEntryOnce(redis: Redis): WriteEntryOnce {
  redis.defineCommand("byokWriteEntryOnce", { numberOfKeys: 1, lua: WRITE_ONCE_LUA });
  const client = redis as WriteOnceClient;
  return async (key, entry, ttlSeconds) => (await client.byokWriteEntryOnce(key, entry.token, entry.providers.join(","), ttlSeconds)) === 1;
}
