import { randomBytes } from "node:crypto";
import { createByokCache } from "@byok/byok-cache";
import { createTokenCipher } from "@byok/crypto";
import { mintKey } from "@byok/provider-emulator";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkerByokCache } from "../lib/byok-cache";

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
