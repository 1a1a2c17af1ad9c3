import { expect } from "vitest";
import type { Harness } from "./harness";
import type { Redis } from "ioredis";

/** Every value under a prefix as text, read by type (strings, hashes, lists, sets, sorted sets, streams). */
export async function dumpKeyspace(
  redis: Redis,
  prefix: string,
): Promise<{ key: string; type: string; text: string }[]> {
  const out: { key: string; type: string; text: string }[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let parts: unknown;
      switch (type) {
        case "string":
          parts = await redis.get(key);
          break;
        case "hash":
          parts = await redis.hgetall(key);
          break;
        case "list":
          parts = await redis.lrange(key, 0, -1);
          break;
        case "set":
          parts = await redis.smembers(key);
          break;
        case "zset":
          parts = await redis.zrange(key, "0", "-1", "WITHSCORES");
          break;
        case "stream":
          parts = await redis.xrange(key, "-", "+");
          break;
        default:
          parts = null;
      }
      out.push({ key, type, text: `${key} ${JSON.stringify(parts)}` });
    }
  } while (cursor !== "0");
  return out;
}

/** The secrets (and their base64, base64url and hex forms) found in any of the texts. */
export function findSecrets(texts: string[], secrets: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    const bytes = Buffer.from(secret);
    const forms = [secret, bytes.toString("base64"), bytes.toString("base64url"), bytes.toString("hex")];
    if (texts.some((t) => forms.some((f) => t.includes(f)))) found.add(secret);
  }
  return [...found];
}

/**
 * The keyspace and the captured logs hold none of the keys the harness minted; nor does any other
 * text the test collected (a worker process's own output, say).
 */
export async function expectNoMintedKeyLeft(h: Harness, otherTexts: readonly string[] = []): Promise<void> {
  const dump = await dumpKeyspace(h.ns.redis, h.ns.prefix);
  expect(findSecrets([...dump.map((d) => d.text), ...otherTexts, ...h.logs.lines], h.minted)).toEqual([]);
}
