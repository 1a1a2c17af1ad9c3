import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORDING_TTL_SECONDS, createRecordingStore } from "./recording-store";

let ns: RedisTestNamespace;
beforeAll(async () => {
  ns = await redisTestNamespace("pipeline-store");
});
afterAll(async () => {
  await ns.cleanup();
});

const input = (userId: string) => ({ userId, fileName: "a.wav", audioType: "wav" as const, size: 10, storedPath: "/tmp/x.wav" });

describe("recording store", () => {
  it("creates a queued record with pending stages and a 7-day TTL", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    const rec = await store.create(input("u_a"));
    expect(rec.status).toBe("queued");
    expect(rec.stages.stt).toEqual({ status: "pending", progress: 0, attribution: null, error: null, attempts: 0 });
    expect(await store.get(rec.id)).toEqual(rec);
    const ttl = await ns.redis.ttl(`${ns.prefix}recording:${rec.id}`);
    expect(ttl).toBeGreaterThan(RECORDING_TTL_SECONDS - 60);
    expect(await ns.redis.ttl(`${ns.prefix}recordings:u_a`)).toBeGreaterThan(0);
  });

  it("lists only the user's recordings, newest first", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    const a1 = await store.create(input("u_list"));
    await new Promise((r) => setTimeout(r, 2));
    const a2 = await store.create(input("u_list"));
    await store.create(input("u_other"));
    expect((await store.list("u_list")).map((r) => r.id)).toEqual([a2.id, a1.id]);
    expect(await store.list("u_nobody")).toEqual([]);
  });

  it("updates one stage without touching the other and keeps the TTL", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    const rec = await store.create(input("u_upd"));
    const attribution = { provider: "openai" as const, model: "whisper-1", tier: 0, keySource: "byok" as const, fallbackReason: null };
    await store.updateStage(rec.id, "stt", { status: "completed", progress: 100, attribution });
    const got = await store.get(rec.id);
    expect(got?.stages.stt).toMatchObject({ status: "completed", progress: 100, attribution });
    expect(got?.stages.analysis.status).toBe("pending");
    expect(await ns.redis.ttl(`${ns.prefix}recording:${rec.id}`)).toBeGreaterThan(0);
  });

  it("loses no update under concurrent writers", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    const rec = await store.create(input("u_cas"));
    await Promise.all(
      Array.from({ length: 15 }, () => store.update(rec.id, (cur) => ({ size: cur.size + 1 }))),
    );
    expect((await store.get(rec.id))?.size).toBe(rec.size + 15);
  });

  it("returns null for an unknown recording and refuses invalid stage values", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    expect(await store.get("rec_missing")).toBeNull();
    expect(await store.updateStage("rec_missing", "stt", { progress: 5 })).toBeNull();
    const rec = await store.create(input("u_bad"));
    await expect(store.updateStage(rec.id, "stt", { progress: 101 })).rejects.toThrow();
  });
});
