import { randomBytes } from "node:crypto";
import { createByokCache } from "@byok/byok-cache";
import { createTokenCipher } from "@byok/crypto";
import { mintKey } from "@byok/provider-emulator";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkerByokCache } from "../lib/byok-cache";
import { isInfrastructureError } from "../lib/infrastructure-error";
import { resolveByok } from "../lib/resolve-byok";
import type { Log } from "../lib/worker-context";

describe("worker BYOK cache (real Redis)", () => {
  let ns: RedisTestNamespace;
  const secret = randomBytes(32).toString("base64");

  beforeAll(async () => {
    ns = await redisTestNamespace("worker-byok");
  });
  afterAll(async () => {
    await ns.cleanup();
  });

  it("reads, peeks and clears what the web app cached", async () => {
    const web = createByokCache({ redis: ns.redis, cipher: createTokenCipher({ secret }), prefix: ns.prefix });
    const worker = createWorkerByokCache({ redis: ns.redis, cipher: createTokenCipher({ secret }), prefix: ns.prefix });
    const keys = { openai: mintKey("openai", "valid"), gemini: mintKey("gemini", "valid") };
    const { ref } = await web.put("u_worker", keys);

    expect((await worker.peek("u_worker", ref))?.providers).toEqual(["openai", "gemini"]);
    expect(await worker.get("u_worker", ref)).toEqual(keys);
    expect(await worker.get("u_other", ref)).toBeNull();
    expect(await worker.clear("u_worker", ref)).toBe(true);
    expect(await worker.get("u_worker", ref)).toBeNull();
    expect(await ns.keys()).toEqual([]);
  });

  it("exposes no way to write", () => {
    const worker = createWorkerByokCache({ redis: ns.redis, cipher: createTokenCipher({ secret }), prefix: ns.prefix });
    // `extend` only lengthens an entry that exists: it cannot store a key.
    expect(Object.keys(worker).sort()).toEqual(["clear", "entryKey", "extend", "get", "peek"]);
    expect("put" in worker).toBe(false);
  });
});

describe("reading keys when Redis does not answer", () => {
  it("is our outage, not expired keys: the read fails instead of sending the stage to the platform", async () => {
    // A real client whose server is gone: nothing listens on port 1, and it gives up at once.
    const redis = new Redis({ host: "127.0.0.1", port: 1, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => undefined);
    const cache = createWorkerByokCache({
      redis,
      cipher: createTokenCipher({ secret: randomBytes(32).toString("base64") }),
      prefix: "t:",
    });
    const log = { warn: () => undefined } as unknown as Log;
    const ref = randomBytes(32).toString("base64url");
    try {
      const read = resolveByok(cache, "u_outage", ref, log);
      await expect(read).rejects.toSatisfy((err: unknown) => isInfrastructureError(err));
    } finally {
      redis.disconnect();
    }
  });

  it("a key entry that cannot be decrypted still counts as expired", async () => {
    const ns = await redisTestNamespace("worker-byok-undecryptable");
    try {
      const web = createByokCache({
        redis: ns.redis,
        cipher: createTokenCipher({ secret: randomBytes(32).toString("base64") }),
        prefix: ns.prefix,
      });
      const { ref } = await web.put("u_worker", { openai: mintKey("openai", "valid") });
      // Another deployment's secret: the entry is there but unreadable.
      const worker = createWorkerByokCache({
        redis: ns.redis,
        cipher: createTokenCipher({ secret: randomBytes(32).toString("base64") }),
        prefix: ns.prefix,
      });
      const log = { warn: () => undefined } as unknown as Log;
      expect(await resolveByok(worker, "u_worker", ref, log)).toEqual({ kind: "unavailable", reason: "byok_expired" });
    } finally {
      await ns.cleanup();
    }
  });
});
