import { Redis } from "ioredis";
import { getEnv } from "~/env";

let client: Redis | undefined;

export function getRedis(): Redis {
  client ??= new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  return client;
}

/** For tests and scripts that start and stop the server code in-process. */
export async function closeRedis(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.quit();
}
