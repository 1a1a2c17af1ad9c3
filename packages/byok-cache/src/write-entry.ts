import type { Provider } from "@byok/types";
import type { Redis } from "ioredis";

// Hash and TTL in one step, and never over an existing entry: the NX of `SET … EX 300 NX` for a
// hash, which has no SET-style flags. In the same step the user's index (a sorted set of refs by
// expiry) forgets entries that expired or were deleted and, when the user already has the most live
// entries allowed, refuses the new one: one user cannot fill Redis, however fast they call. It
// refuses rather than evicting the oldest, because the oldest belongs to a recording still waiting
// to run on those keys, and losing them would quietly move that recording onto the platform's keys.
// The entry keys of older refs are built here from ARGV[6], so this script assumes one Redis
// node (as the rest of the cache does), not a cluster.
const WRITE_ONCE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local now = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for _, ref in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if redis.call('EXISTS', ARGV[6] .. ref) == 0 then redis.call('ZREM', KEYS[2], ref) end
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return -1 end
redis.call('HSET', KEYS[1], 't', ARGV[1], 'p', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
local ttlMs = tonumber(ARGV[3]) * 1000
redis.call('ZADD', KEYS[2], now + ttlMs, ARGV[7])
-- Never shortens the index: an older entry may have been extended past the new one's expiry.
if redis.call('PTTL', KEYS[2]) < ttlMs then redis.call('PEXPIRE', KEYS[2], ttlMs) end
return 1`;

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
 * Writes fields `t` (token) and `p` (providers) with a TTL. `written` is false if the key already
 * exists, or if the user already has `maxEntries` live entries (`full`).
 */
export async function writeEntryOnce(
  redis: Redis,
  entry: { token: string; providers: readonly Provider[] },
  { entryPrefix, ref, indexKey, ttlSeconds, maxEntries }: WriteEntryOptions,
): Promise<{ written: boolean; full: boolean }> {
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
  return { written: result === 1, full: result === -1 };
}
