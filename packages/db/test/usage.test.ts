import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccountRepository,
  createRecordingRepository,
  createUsageRepository,
  schema,
  utcMonthRange,
  utcMonthStart,
} from "../src";
import {
  BYOK_OPENAI_ATTRIBUTION as attribution,
  ledgerRow,
  pgTestDatabase,
  type PgTestDatabase,
  type ProviderCallRow as CallRow,
} from "../src/testing";

let pg: PgTestDatabase;
let usage: ReturnType<typeof createUsageRepository>;
let recordings: ReturnType<typeof createRecordingRepository>;
let n = 0;

beforeAll(async () => {
  pg = await pgTestDatabase("db-usage");
  usage = createUsageRepository(pg.db);
  recordings = createRecordingRepository(pg.db);
});
afterAll(async () => {
  await pg?.cleanup();
});

async function user(label: string) {
  const id = `u_${label}_${++n}`;
  await createAccountRepository(pg.db).ensure({ id, email: `${id}@example.com` });
  return id;
}

async function recording(userId: string) {
  const id = `rec_${(++n).toString(16).padStart(32, "0")}`;
  await recordings.create({ id, userId, fileName: "a.wav", audioType: "wav", size: 10, storedPath: `/tmp/${id}.wav` });
  return id;
}

async function insert(...rows: CallRow[]) {
  await pg.db.insert(schema.providerCalls).values(rows);
}

const NOW = new Date("2026-11-15T12:00:00Z");

describe("UTC months", () => {
  it("starts months in UTC and parses YYYY-MM", () => {
    expect(utcMonthStart(NOW).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(utcMonthStart(NOW, 11).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(utcMonthRange("2026-12")).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2027-01-01T00:00:00Z"),
    });
    expect(() => utcMonthRange("2026-13")).toThrow(RangeError);
    expect(() => utcMonthRange("26-1")).toThrow(RangeError);
  });
});

describe("usage ledger queries (real PostgreSQL)", () => {
  it("sums a user's calls per UTC month, key source and provider, newest month first, and only the window", async () => {
    const me = await user("monthly");
    const other = await user("monthly-other");
    const rec = await recording(me);
    await insert(
      // November, own OpenAI key: transcription and analysis.
      ledgerRow(me, rec, {
        audioSeconds: 61.5,
        estimatedCostUsd: 0.00615,
        pricesTakenOn: "2025-08-01",
        createdAt: new Date("2026-11-02T10:00:00Z"),
      }),
      ledgerRow(me, rec, {
        stage: "analysis",
        model: "gpt-4o-mini",
        inputTokens: 1000,
        outputTokens: 200,
        estimatedCostUsd: 0.00027,
        pricesTakenOn: "2025-08-01",
        createdAt: new Date("2026-11-02T10:00:05Z"),
      }),
      // November, a failed own-key call (unbilled, no units) and a platform Gemini call.
      ledgerRow(me, rec, { outcome: "quota_exceeded", createdAt: new Date("2026-11-03T00:00:00Z") }),
      ledgerRow(me, rec, {
        provider: "gemini",
        model: "gemini-2.5-flash",
        keySource: "server",
        fallbackReason: "quota_exceeded",
        inputTokens: 500,
        outputTokens: 50,
        estimatedCostUsd: 0.0001,
        pricesTakenOn: "2025-09-01",
        createdAt: new Date("2026-11-03T00:00:01Z"),
      }),
      // 23:30 on 31 October UTC is still October, whatever the reader's time zone.
      ledgerRow(me, null, {
        audioSeconds: 10,
        estimatedCostUsd: 0.001,
        pricesTakenOn: "2025-08-01",
        createdAt: new Date("2026-10-31T23:30:00Z"),
      }),
      // Outside a 2-month window.
      ledgerRow(me, null, { audioSeconds: 99, estimatedCostUsd: 9, createdAt: new Date("2026-09-30T23:59:59Z") }),
      // Another user's call never counts.
      ledgerRow(other, null, { audioSeconds: 5, estimatedCostUsd: 5, createdAt: new Date("2026-11-05T00:00:00Z") }),
    );

    const rows = await usage.monthlyUsage(me, { months: 2, now: NOW });
    expect(rows).toEqual([
      {
        month: "2026-11",
        keySource: "byok",
        provider: "openai",
        calls: 3,
        succeededCalls: 2,
        audioSeconds: 61.5,
        inputTokens: 1000,
        outputTokens: 200,
        estimatedCostUsd: 0.00642,
        callsWithoutEstimate: 1,
        pricesTakenOnFrom: "2025-08-01",
        pricesTakenOnTo: "2025-08-01",
      },
      {
        month: "2026-11",
        keySource: "server",
        provider: "gemini",
        calls: 1,
        succeededCalls: 1,
        audioSeconds: 0,
        inputTokens: 500,
        outputTokens: 50,
        estimatedCostUsd: 0.0001,
        callsWithoutEstimate: 0,
        pricesTakenOnFrom: "2025-09-01",
        pricesTakenOnTo: "2025-09-01",
      },
      {
        month: "2026-10",
        keySource: "byok",
        provider: "openai",
        calls: 1,
        succeededCalls: 1,
        audioSeconds: 10,
        inputTokens: 0,
        outputTokens: 0,
        estimatedCostUsd: 0.001,
        callsWithoutEstimate: 0,
        pricesTakenOnFrom: "2025-08-01",
        pricesTakenOnTo: "2025-08-01",
      },
    ]);
    expect((await usage.monthlyUsage(me, { months: 3, now: NOW })).map((r) => r.month)).toContain("2026-09");
  });

  it("keeps an unknown cost null rather than zero", async () => {
    const me = await user("null-cost");
    await insert(ledgerRow(me, null, { outcome: "invalid_key", createdAt: new Date("2026-11-01T00:00:00Z") }));
    const [row] = await usage.monthlyUsage(me, { months: 1, now: NOW });
    expect(row).toMatchObject({ calls: 1, succeededCalls: 0, estimatedCostUsd: null, callsWithoutEstimate: 1 });
  });

  it("totals a page of recordings over all their runs and says who paid for their results", async () => {
    const me = await user("per-recording");
    const other = await user("per-recording-other");
    const own = await recording(me);
    const mixed = await recording(me);
    const failedOnly = await recording(me);
    const untouched = await recording(me);
    const foreign = await recording(other);
    await insert(
      ledgerRow(me, own, { estimatedCostUsd: 0.01 }),
      ledgerRow(me, own, { stage: "analysis", run: 2, estimatedCostUsd: 0.02 }),
      ledgerRow(me, mixed, { estimatedCostUsd: 0.01 }),
      ledgerRow(me, mixed, {
        stage: "analysis",
        keySource: "server",
        fallbackReason: "quota_exceeded",
        estimatedCostUsd: 0.005,
      }),
      // A failed own-key call does not make a platform-paid recording "mixed".
      ledgerRow(me, failedOnly, { outcome: "quota_exceeded" }),
      ledgerRow(other, foreign, { estimatedCostUsd: 1 }),
    );
    const costs = await usage.recordingCosts(me, [own, mixed, failedOnly, untouched, foreign]);
    expect(costs.get(own)).toEqual({ calls: 2, estimatedCostUsd: 0.03, paidBy: "byok" });
    expect(costs.get(mixed)).toEqual({ calls: 2, estimatedCostUsd: 0.015, paidBy: "mixed" });
    expect(costs.get(failedOnly)).toEqual({ calls: 1, estimatedCostUsd: null, paidBy: null });
    expect(costs.has(untouched)).toBe(false);
    // Another user's recording id asked for by this user: nothing.
    expect(costs.has(foreign)).toBe(false);
    expect(await usage.recordingCosts(me, [])).toEqual(new Map());
  });

  it("totals one recording per stage", async () => {
    const me = await user("per-stage");
    const rec = await recording(me);
    await insert(
      ledgerRow(me, rec, { outcome: "quota_exceeded" }),
      ledgerRow(me, rec, { keySource: "server", fallbackReason: "quota_exceeded", estimatedCostUsd: 0.004 }),
    );
    expect(await usage.stageCosts(me, rec)).toEqual({
      stt: { calls: 2, estimatedCostUsd: 0.004, paidBy: "server" },
      analysis: { calls: 0, estimatedCostUsd: null, paidBy: null },
    });
    const stranger = await user("per-stage-stranger");
    expect((await usage.stageCosts(stranger, rec)).stt.calls).toBe(0);
  });

  it("pages through one user's calls in a time range, oldest first, with exact numbers", async () => {
    const me = await user("ledger");
    const rec = await recording(me);
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 8));
    await insert(
      ledgerRow(me, rec, {
        audioSeconds: 1.25,
        estimatedCostUsd: 0.000125,
        pricesTakenOn: "2025-08-01",
        providerRequestId: "req_1",
        createdAt: at(1),
      }),
      ledgerRow(me, rec, {
        stage: "analysis",
        model: "gpt-4o-mini",
        inputTokens: 7,
        outputTokens: 3,
        createdAt: at(2),
      }),
      ledgerRow(me, rec, { outcome: "rate_limited", createdAt: at(3) }),
      ledgerRow(me, rec, { createdAt: new Date("2026-12-01T00:00:00Z") }),
    );
    const november = utcMonthRange("2026-11");
    const first = await usage.ledgerPage(me, november, { limit: 2 });
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({
      recordingId: rec,
      stage: "stt",
      audioSeconds: "1.250",
      estimatedCostUsd: "0.0001250000",
      pricesTakenOn: "2025-08-01",
      createdAt: at(1),
    });
    // The provider's request id is not part of the export's rows.
    expect(first[0]).not.toHaveProperty("providerRequestId");
    expect(first[1]).toMatchObject({
      stage: "analysis",
      inputTokens: 7,
      outputTokens: 3,
      audioSeconds: null,
      estimatedCostUsd: null,
    });
    const rest = await usage.ledgerPage(me, november, { afterId: first[1]!.id, limit: 2 });
    expect(rest.map((r) => r.outcome)).toEqual(["rate_limited"]);
    expect(await usage.ledgerPage(me, {})).toHaveLength(4);
    const stranger = await user("ledger-stranger");
    expect(await usage.ledgerPage(stranger, {})).toEqual([]);
  });
});

describe("retrying a failed recording (real PostgreSQL)", () => {
  it("starts a new run, keeps a completed transcript, resets the failed stage, and is idempotent per run", async () => {
    const me = await user("retry");
    const id = await recording(me);
    const ref = { id, run: 1 };
    await recordings.startStage(ref, "stt", 1);
    await recordings.completeStage(ref, "stt", { attribution, transcript: "hello", final: false });
    await recordings.startStage(ref, "analysis", 1);
    await recordings.failStage(ref, "analysis", { reason: "quota_exceeded", message: "m" });

    const retried = await recordings.retryFailed(ref, me, null);
    expect(retried.ok).toBe(true);
    if (!retried.ok) return;
    expect(retried.record).toMatchObject({
      run: 2,
      status: "queued",
      transcript: "hello",
      dispatchedAt: null,
      byokRef: null,
      failure: null,
    });
    expect(retried.record.stages.stt).toMatchObject({ status: "completed", attribution });
    expect(retried.record.stages.analysis).toEqual({
      status: "pending",
      progress: 0,
      attempts: 0,
      attribution: null,
      error: null,
    });

    // The second click for run 1 starts nothing.
    const again = await recordings.retryFailed(ref, me, null);
    expect(again).toMatchObject({ ok: false, problem: "already_retried" });
    expect((await recordings.get(id))?.run).toBe(2);
  });

  it("refuses a recording that is not failed, not the caller's, or from an older run", async () => {
    const me = await user("retry-refused");
    const id = await recording(me);
    expect(await recordings.retryFailed({ id, run: 1 }, me, null)).toMatchObject({ ok: false, problem: "not_failed" });
    await recordings.failRecording({ id, run: 1 }, { reason: "stalled", message: "m" });
    const stranger = await user("retry-stranger");
    expect(await recordings.retryFailed({ id, run: 1 }, stranger, null)).toEqual({
      ok: false,
      problem: "not_found",
      record: null,
    });
    expect(await recordings.retryFailed({ id, run: 7 }, me, null)).toMatchObject({ ok: false, problem: "stale_run" });
    const ok = await recordings.retryFailed({ id, run: 1 }, me, "ref-new");
    expect(ok).toMatchObject({ ok: true, record: { run: 2, byokRef: "ref-new", failure: null } });
    expect(ok.ok && ok.record.stages.stt.status).toBe("pending");
  });
});
