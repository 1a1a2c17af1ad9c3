import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test as teardown } from "@playwright/test";
import { dumpDatabase } from "@byok/db/testing";
import { findEmulatorKeyTraces } from "@byok/provider-emulator";
import { Redis } from "ioredis";
import { readStackInfo } from "~/e2e/stack/stack-file";

const RESULTS_DIR = join(import.meta.dirname, "..", "test-results");

/** Every value under the stack's prefix, whatever its type, as text. */
async function redisText(url: string, prefix: string): Promise<{ text: string; keys: number }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  const parts: string[] = [];
  let keys = 0;
  try {
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      for (const key of batch) {
        keys++;
        const type = await redis.type(key);
        const value =
          type === "string"
            ? await redis.get(key)
            : type === "hash"
              ? await redis.hgetall(key)
              : type === "list"
                ? await redis.lrange(key, 0, -1)
                : type === "set"
                  ? await redis.smembers(key)
                  : type === "zset"
                    ? await redis.zrange(key, "0", "-1")
                    : type === "stream"
                      ? await redis.xrange(key, "-", "+")
                      : null;
        parts.push(key, JSON.stringify(value));
      }
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return { text: parts.join("\n"), keys };
}

// Runs after every spec (a teardown project): what the journeys left in PostgreSQL, Redis and the
// server logs holds no emulator key, in any encoding.
teardown("after the journeys, no key is left in PostgreSQL, Redis or the web and worker logs", async () => {
  const stack = readStackInfo();
  const database = await dumpDatabase(stack.databaseUrl);
  // Not vacuous: the journeys' users and recordings are in the dump.
  expect(database).toMatch(/COPY public\.recordings[^\n]*\n.*rec_[0-9a-f]{32}/);
  expect(findEmulatorKeyTraces(database), "keys in pg_dump").toEqual([]);

  const redis = await redisText(stack.redisUrl, stack.prefix);
  expect(redis.keys).toBeGreaterThan(0);
  expect(findEmulatorKeyTraces(redis.text), "keys in Redis").toEqual([]);

  for (const log of ["web.log", "worker.log"]) {
    const file = join(RESULTS_DIR, log);
    if (!existsSync(file)) continue;
    expect(findEmulatorKeyTraces(readFileSync(file, "utf8")), `keys in ${log}`).toEqual([]);
  }

  // The TLS edge: its access and error logs, after a whole journey went through it.
  if (stack.edge) {
    const access = readFileSync(join(stack.edge.logDir, "access.log"), "utf8");
    // Not vacuous: the edge journey's key test and upload passed through and were logged.
    expect(access).toContain("POST /api/trpc/user.testByokKey");
    expect(access).toContain("POST /api/recordings");
    for (const log of ["access.log", "error.log"]) {
      const file = join(stack.edge.logDir, log);
      const text = existsSync(file) ? readFileSync(file, "utf8") : "";
      expect(findEmulatorKeyTraces(text), `keys in nginx ${log}`).toEqual([]);
      // Nor a session: the log format holds no Cookie, Authorization or X-BYOK-Key.
      expect(text, `sessions in nginx ${log}`).not.toMatch(/session_token|x-byok-key|authorization/i);
    }
  }
});
