import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeByokHeader } from "@byok/byok-header";
import { createRecordingRepository, schema } from "@byok/db";
import { ledgerRow } from "@byok/db/testing";
import { QUEUES, bullPrefix, runJobIds } from "@byok/pipeline";
import { Queue } from "bullmq";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
let dir: string;
let sttQueue: Queue;
const minted = new MintedKeys();
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "web-usage-"));
  stack = await startServerStack({ env: { RECORDINGS_DIR: dir } });
  sttQueue = new Queue(QUEUES.stt, {
    connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    prefix: bullPrefix(stack.ns.prefix),
  });
});

afterAll(async () => {
  await sttQueue?.close();
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

async function newRecording(userId: string) {
  const id = `rec_${(++n).toString(16).padStart(32, "0")}`;
  const storedPath = path.join(dir, `${id}.wav`);
  await writeFile(storedPath, "RIFF");
  await createRecordingRepository(stack.pg.db).create({
    id,
    userId,
    fileName: "talk.wav",
    audioType: "wav",
    size: 4,
    storedPath,
  });
  return id;
}

async function csv(cookie: string | undefined, query = "") {
  const { GET } = await import("~/app/api/usage.csv/route");
  const res = await GET(new Request(`${stack.url}/api/usage.csv${query}`, { headers: cookie ? { cookie } : {} }));
  return { res, text: await res.text() };
}

describe("usage summary and CSV export", () => {
  it("sums only the caller's calls per month and key source, and the CSV holds the same calls", async () => {
    const me = await stack.signIn(`usage-${++n}@example.com`);
    const other = await stack.signIn(`usage-other-${++n}@example.com`);
    const rec = await newRecording(me.userId);
    const now = new Date();
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    await stack.pg.db.insert(schema.providerCalls).values([
      ledgerRow(me.userId, rec, { audioSeconds: 30, estimatedCostUsd: 0.003, pricesTakenOn: "2025-08-01" }),
      ledgerRow(me.userId, rec, {
        stage: "analysis",
        model: "gpt-4o-mini",
        keySource: "server",
        fallbackReason: "quota_exceeded",
        inputTokens: 1000,
        outputTokens: 100,
        estimatedCostUsd: 0.00021,
        pricesTakenOn: "2025-08-01",
      }),
      ledgerRow(me.userId, rec, { outcome: "quota_exceeded" }),
      ledgerRow(other.userId, null, { estimatedCostUsd: 7 }),
    ]);

    const summary = dataOf<{
      months: {
        month: string;
        totals: { calls: number; estimatedCostUsd: number };
        byKeySource: Record<string, { calls: number; estimatedCostUsd: number | null }>;
      }[];
      priceTables: { provider: string; takenOn: string }[];
      ledgerPriceDates: string[];
    }>(await stack.query("usage.summary", { cookie: me.cookie, input: { months: 12 } }));
    expect(summary.months).toHaveLength(1);
    expect(summary.months[0]).toMatchObject({ month: thisMonth, totals: { calls: 3 } });
    expect(summary.months[0]!.totals.estimatedCostUsd).toBeCloseTo(0.00321, 10);
    expect(summary.months[0]!.byKeySource.byok).toMatchObject({ calls: 2, estimatedCostUsd: 0.003 });
    expect(summary.months[0]!.byKeySource.server).toMatchObject({ calls: 1, estimatedCostUsd: 0.00021 });
    expect(summary.ledgerPriceDates).toEqual(["2025-08-01"]);
    expect(summary.priceTables.map((p) => p.provider)).toContain("openai");

    // The list carries each recording's total and who paid for its results.
    const list = dataOf<{ id: string; cost: { calls: number; paidBy: string } | null }[]>(
      await stack.query("recordings.list", { cookie: me.cookie }),
    );
    expect(list.find((r) => r.id === rec)?.cost).toMatchObject({ calls: 3, paidBy: "mixed" });
    const detail = dataOf<{ costs: Record<string, { paidBy: string | null; estimatedCostUsd: number | null }> }>(
      await stack.query("recordings.get", { cookie: me.cookie, input: { id: rec } }),
    );
    expect(detail.costs).toEqual({
      stt: { calls: 2, estimatedCostUsd: 0.003, paidBy: "byok" },
      analysis: { calls: 1, estimatedCostUsd: 0.00021, paidBy: "server" },
    });

    const { res, text } = await csv(me.cookie, `?month=${thisMonth}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="usage-${thisMonth}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      recording_id: rec,
      stage: "stt",
      provider: "openai",
      key_source: "own_key",
      outcome: "ok",
      audio_seconds: "30.000",
      estimated_cost_usd: "0.0030000000",
      prices_taken_on: "2025-08-01",
    });
    expect(rows[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(rows[1]).toMatchObject({
      key_source: "platform",
      fallback_reason: "quota_exceeded",
      input_tokens: "1000",
      output_tokens: "100",
    });
    expect(rows[2]).toMatchObject({ outcome: "quota_exceeded", estimated_cost_usd: "", audio_seconds: "" });
    expect((await csv(me.cookie, "?month=2001-01")).text.trim().split("\n")).toHaveLength(1);
    expect(parse((await csv(me.cookie)).text, { columns: true })).toHaveLength(3);
  });

  it("refuses the signed-out, a malformed month and a malformed months count", async () => {
    const signedOut = await csv(undefined);
    expect(signedOut.res.status).toBe(401);
    expect(signedOut.res.headers.get("content-disposition")).toBeNull();
    const me = await stack.signIn(`usage-bad-${++n}@example.com`);
    expect((await csv(me.cookie, "?month=2026-13")).res.status).toBe(400);
    expect((await csv(me.cookie, "?month=<script>")).res.status).toBe(400);
    const months = await stack.query("usage.summary", { cookie: me.cookie, input: { months: 1000 } });
    expect(months.status).toBe(400);
    expect((await stack.query("usage.summary", { input: { months: 1 } })).status).toBe(401);
  });
});

describe("recordings.retry", () => {
  async function failedRecording(userId: string, { sttDone }: { sttDone: boolean }) {
    const id = await newRecording(userId);
    const repo = createRecordingRepository(stack.pg.db);
    const ref = { id, run: 1 };
    if (sttDone) {
      await repo.completeStage(ref, "stt", {
        attribution: { provider: "openai", model: "whisper-1", tier: 0, keySource: "byok", fallbackReason: null },
        transcript: "kept",
        final: false,
      });
      await stack.pg.db.insert(schema.providerCalls).values(ledgerRow(userId, id, { estimatedCostUsd: 0.001 }));
    }
    await repo.failStage(ref, sttDone ? "analysis" : "stt", { reason: "quota_exceeded", message: "m" });
    await stack.pg.db
      .insert(schema.providerCalls)
      .values(ledgerRow(userId, id, { stage: sttDone ? "analysis" : "stt", outcome: "quota_exceeded" }));
    return id;
  }

  it("re-runs on the platform's keys under fallback, keeps the transcript, queues the new run, and is idempotent", async () => {
    const me = await stack.signIn(`retry-platform-${++n}@example.com`);
    const id = await failedRecording(me.userId, { sttDone: true });
    const failed = dataOf<{ failedCalls: Record<string, unknown> }>(
      await stack.query("recordings.get", { cookie: me.cookie, input: { id } }),
    );
    expect(failed.failedCalls).toEqual({ stt: null, analysis: { provider: "openai", keySource: "byok" } });

    const first = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "platform" },
    });
    expect(dataOf<{ run: number; status: string; transcript: string }>(first)).toMatchObject({
      run: 2,
      status: "queued",
      transcript: "kept",
    });
    const again = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "platform" },
    });
    expect(dataOf<{ run: number }>(again).run).toBe(2);
    const ids = runJobIds({ recordingId: id, run: 2 });
    expect(await sttQueue.getJob(ids.stt)).toBeTruthy();
    expect(await sttQueue.getJob(runJobIds({ recordingId: id, run: 3 }).stt)).toBeUndefined();
    const stored = await createRecordingRepository(stack.pg.db).get(id);
    expect(stored).toMatchObject({ run: 2, byokRef: null });
    expect(stored?.stages.stt.status).toBe("completed");

    // Now it is queued, not failed: a retry of run 2 is a conflict.
    const conflict = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 2, keys: "platform" },
    });
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict).code).toBe("CONFLICT");
  });

  it("refuses a platform re-run under 'only my keys', and another user's recording", async () => {
    const me = await stack.signIn(`retry-byok-only-${++n}@example.com`);
    await stack.mutation("user.setByokPolicy", { cookie: me.cookie, input: { policy: "byok_only" } });
    const id = await failedRecording(me.userId, { sttDone: false });
    const refused = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "platform" },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe("FORBIDDEN");
    expect((await createRecordingRepository(stack.pg.db).get(id))?.run).toBe(1);

    const stranger = await stack.signIn(`retry-stranger-${++n}@example.com`);
    const foreign = await stack.mutation("recordings.retry", {
      cookie: stranger.cookie,
      input: { id, run: 1, keys: "platform" },
    });
    expect(errorOf(foreign).code).toBe("NOT_FOUND");
  });

  it("retries with the user's keys through a reference cached by user.cacheByokKeys; an unknown reference is refused", async () => {
    const me = await stack.signIn(`retry-own-${++n}@example.com`);
    await stack.mutation("user.setByokPolicy", { cookie: me.cookie, input: { policy: "byok_only" } });
    const id = await failedRecording(me.userId, { sttDone: false });
    const keys = { openai: minted.mint("openai", "valid") };
    const cached = await stack.mutation("user.cacheByokKeys", {
      cookie: me.cookie,
      input: { providers: ["openai"] },
      byokHeader: encodeByokHeader(keys),
    });
    const ref = dataOf<{ ref: string }>(cached).ref;

    const unknown = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "own", byokRef: "A".repeat(43) },
    });
    expect(errorOf(unknown).code).toMatch(/NOT_FOUND|BAD_REQUEST/);
    // Keys never travel with the retry itself.
    const withHeader = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "own", byokRef: ref },
      byokHeader: encodeByokHeader(keys),
    });
    expect(withHeader.status).toBe(400);

    const retried = await stack.mutation("recordings.retry", {
      cookie: me.cookie,
      input: { id, run: 1, keys: "own", byokRef: ref },
    });
    expect(dataOf<{ run: number; status: string }>(retried)).toMatchObject({ run: 2, status: "queued" });
    expect((await createRecordingRepository(stack.pg.db).get(id))?.byokRef).toBe(ref);
    expect(JSON.stringify(retried.json)).not.toContain(keys.openai);
  });
});
