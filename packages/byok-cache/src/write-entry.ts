import type { Provider } from "@byok/types";
import { luaScript } from "@byok/redis-lua";
import type { Redis } from "ioredis";

// Hash and TTL in one step, and never over an existing entry: the NX of `SET … EX 300 NX`
// for a hash, which has no SET-style flags.
const WRITE_ONCE = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[1], 'p', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`);

/** Writes fields `t` (token) and `p` (providers) with a TTL; false if the key already exists. */
export async function writeEntryOnce(
  redis: Redis,
  key: string,
  entry: { token: string; providers: readonly Provider[] },
  ttlSeconds: number,
): Promise<boolean> {
  const written = await WRITE_ONCE.run(redis, [key], [entry.token, entry.providers.join(","), ttlSeconds]);
  return written === 1;
}
