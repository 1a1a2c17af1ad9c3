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

  it("deletes the given keys atomically with a write, and only when the write happens", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    const rec = await store.create(input("u_del"));
    const side = [`${ns.prefix}side:a`, `${ns.prefix}side:b`];
    await ns.redis.set(side[0]!, "1");
    await ns.redis.set(side[1]!, "1");

    // Every attempt loses to a concurrent writer: the update gives up and deletes nothing.
    let attempts = 0;
    const rivalWrites: Promise<unknown>[] = [];
    await expect(
      store.update(
        rec.id,
        (cur) => {
          attempts++;
          // Not awaited here (a patch is synchronous); one connection keeps it ahead of the CAS script.
          rivalWrites.push(ns.redis.set(`${ns.prefix}recording:${rec.id}`, JSON.stringify({ ...cur, size: cur.size + attempts }), "KEEPTTL"));
          return { status: "completed" };
        },
        { deleteOnWrite: side },
      ),
    ).rejects.toThrow(/too many writers/);
    await Promise.all(rivalWrites);
    expect(attempts).toBeGreaterThan(1);
    expect(await ns.redis.exists(...side)).toBe(2);

    // A recording that is gone is not written, so nothing is deleted either.
    expect(await store.update("rec_gone", { status: "completed" }, { deleteOnWrite: side })).toBeNull();
    expect(await ns.redis.exists(...side)).toBe(2);

    const saved = await store.update(rec.id, { status: "completed" }, { deleteOnWrite: side });
    expect(saved?.status).toBe("completed");
    expect((await store.get(rec.id))?.status).toBe("completed");
    expect(await ns.redis.exists(...side)).toBe(0);
  });

  it("returns null for an unknown recording and refuses invalid stage values", async () => {
    const store = createRecordingStore({ redis: ns.redis, prefix: ns.prefix });
    expect(await store.get("rec_missing")).toBeNull();
    expect(await store.updateStage("rec_missing", "stt", { progress: 5 })).toBeNull();
    const rec = await store.create(input("u_bad"));
    await expect(store.updateStage(rec.id, "stt", { progress: 101 })).rejects.toThrow();
  });
});
