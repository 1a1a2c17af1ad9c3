import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";
import { spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let h: Harness | undefined;
let procs: WorkerProcess[] = [];

afterEach(async () => {
  for (const p of procs) await p.stop("SIGTERM");
  if (!h) return;
  await expectNoMintedKeyLeft(
    h,
    procs.flatMap((p) => p.lines),
  );
  procs = [];
  await h.close();
  h = undefined;
}, 60_000);

const TTL_SECONDS = 2;

/**
 * A backlog: one job at a time per queue, each provider answer held 700 ms, 8 recordings; the last
 * waits ~6 s, three TTLs. (At 400 ms the transcriptions and analyses overlapped enough, on a fast
 * machine, for the whole backlog to end within two TTLs.)
 */
async function backlog(env: Record<string, string>) {
  h = await createHarness("worker-byok-wait", { byokTtlSeconds: TTL_SECONDS });
  h.emu.setLatency(700);
  const p = spawnWorker(h, "wWait", {
    WORKER_CONCURRENCY: "1",
    BYOK_CACHE_TTL_MS: String(TTL_SECONDS * 1000),
    RECONCILE_INTERVAL_MS: "300",
    ...env,
  });
  procs = [p];
  await p.ready;
  const submitted = [];
  for (let i = 0; i < 8; i++) {
    const userId = await h.user("pro");
    const keys = { openai: h.mint("openai", "valid") };
    submitted.push({ userId, ...(await h.submit({ userId, keys })) });
  }
  const done = await Promise.all(submitted.map(async (s) => ({ ...s, rec: await h!.waitFor(s.recordingId) })));
  return { h, done };
}

describe("waiting in the queue never moves a recording onto the platform's keys", { timeout: 120_000 }, () => {
  it("recordings that wait three times the cache TTL still run on the user's keys, and their entries end with them", async () => {
    const { h, done } = await backlog({ BYOK_MAX_WAIT_MS: "60000" });
    const lastFinished = Math.max(...done.map((d) => d.rec.updatedAt));
    const firstCreated = Math.min(...done.map((d) => d.rec.createdAt));
    // The backlog really outlived the TTL.
    expect(lastFinished - firstCreated).toBeGreaterThan(2 * TTL_SECONDS * 1000);
    for (const { rec } of done) {
      expect(rec.status).toBe("completed");
      for (const stage of ["stt", "analysis"] as const) {
        expect(rec.stages[stage].attribution).toMatchObject({
          provider: "openai",
          keySource: "byok",
          fallbackReason: null,
        });
      }
    }
    // No cache entry outlives its recording's final state.
    for (const d of done) expect(await h.byokWriter.peek(d.userId, d.byokRef as string)).toBeNull();
  });

  it("past the maximum wait the keys are not kept: a recording that waited longer runs as byok_expired", async () => {
    const { done } = await backlog({ BYOK_MAX_WAIT_MS: "1000" });
    const reasons = done.flatMap(({ rec }) => [
      rec.stages.stt.attribution?.fallbackReason,
      rec.stages.analysis.attribution?.fallbackReason,
    ]);
    expect(reasons).toContain("byok_expired");
    for (const { rec } of done) expect(rec.status).toBe("completed");
  });
});
