import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface LuaScript {
  /** Runs the script by its SHA1 (EVALSHA); loads it with EVAL only when Redis does not know it yet. */
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * Scripts on hot paths (every recording update, every cached key set) would otherwise send their
 * whole body with EVAL on each call, and Redis would hash it each time.
 */
export function luaScript(source: string): LuaScript {
  const sha = createHash("sha1").update(source).digest("hex");
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        // After a restart or SCRIPT FLUSH the cache is empty; EVAL loads the script again.
        if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
