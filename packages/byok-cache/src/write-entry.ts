import type { Provider } from "@byok/types";
import type { Redis } from "ioredis";

// Hash and TTL in one step, and never over an existing entry: the NX of `SET … EX 300 NX` for a
// hash, which has no SET-style flags. In the same step the user's index (a sorted set of refs by
// expiry) forgets entries that expired or were deleted, takes the new one, and, past the cap,
// deletes the oldest entries: one user cannot fill Redis, however fast they call.
// The entry keys of older refs are built here from ARGV[6], so this script assumes one Redis
// node (as the rest of the cache does), not a cluster.
const WRITE_ONCE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[1], 'p', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
local now = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for _, ref in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if redis.call('EXISTS', ARGV[6] .. ref) == 0 then redis.call('ZREM', KEYS[2], ref) end
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]) * 1000, ARGV[7])
local evicted = 0
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
if over > 0 then
  for _, ref in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do
    redis.call('DEL', ARGV[6] .. ref)
    redis.call('ZREM', KEYS[2], ref)
    evicted = evicted + 1
  end
end
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1 + evicted`;

interface WriteOnceClient extends Redis {
  byokWriteEntryOnce(entryKey: string, indexKey: string, ...args: (string | number)[]): Promise<number>;
}

// ioredis runs a defined command by SHA1 and loads the script only on NOSCRIPT; once per client.
const defined = new WeakSet<Redis>();

function withScript(redis: Redis): WriteOnceClient {
  if (!defined.has(redis)) {
    redis.defineCommand("byokWriteEntryOnce", { numberOfKeys: 2, lua: WRITE_ONCE_LUA });
    defined.add(redis);
  }
  return redis as WriteOnceClient;
}

export interface WriteEntryOptions {
  /** The entry's key: `<entryPrefix><ref>`. */
  entryPrefix: string;
  ref: string;
  /** The user's index of live refs. */
  indexKey: string;
  ttlSeconds: number;
  maxEntries: number;
}

/**
 * Writes fields `t` (token) and `p` (providers) with a TTL; false if the key already exists.
 * `evicted`: how many of the user's oldest entries made room.
 */
export async function writeEntryOnce(
  redis: Redis,
  entry: { token: string; providers: readonly Provider[] },
  { entryPrefix, ref, indexKey, ttlSeconds, maxEntries }: WriteEntryOptions,
): Promise<{ written: boolean; evicted: number }> {
  const result = Number(
    await withScript(redis).byokWriteEntryOnce(
      entryPrefix + ref,
      indexKey,
      entry.token,
      entry.providers.join(","),
      ttlSeconds,
      Date.now(),
      maxEntries,
      entryPrefix,
      ref,
    ),
  );
  return { written: result > 0, evicted: Math.max(0, result - 1) };
}
