import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export { startPrivateRedis, type PrivateRedis } from "./private-redis";

export interface RedisTestNamespace {
  /** The server this namespace lives on. */
  url: string;
  /** A client on the shared test Redis. Use `prefix` for every key this test writes. */
  redis: Redis;
  /** Unique per call, e.g. `t:3f9a1c2b:`, so parallel test files and runs never share keys. */
  prefix: string;
  /** Every key under `prefix`, for leak sweeps. */
  keys(): Promise<string[]>;
  /** Deletes every key under `prefix` and closes the client. */
  cleanup(): Promise<void>;
}

export async function redisTestNamespace(label = "t", url = TEST_REDIS_URL): Promise<RedisTestNamespace> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // Fault tests stop the server under this client: its commands fail on their own, loudly enough.
  redis.on("error", () => undefined);
  await redis.connect();
  const prefix = `${label}:${randomBytes(4).toString("hex")}:`;
  const keys = async () => {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== "0");
    return found;
  };
  return {
    url,
    redis,
    prefix,
    keys,
    async cleanup() {
      // A fault test may have stopped this server: there is nothing left to delete then.
      if (redis.status !== "ready") {
        redis.disconnect();
        return;
      }
      const all = await keys();
      for (let i = 0; i < all.length; i += 500) await redis.del(...all.slice(i, i + 500));
      redis.disconnect();
    },
  };
}
export { freePort } from "./free-port";
