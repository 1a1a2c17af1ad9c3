import { keyFingerprint } from "@byok/provider-emulator";
import type { Plan, Provider } from "@byok/types";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";
import { spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let h: Harness | undefined;
let procs: WorkerProcess[] = [];
const allLines: string[] = [];

afterEach(async () => {
  for (const p of procs) await p.stop("SIGTERM");
  for (const p of procs) allLines.push(...p.lines);
  procs = [];
  if (!h) return;
  await expectNoMintedKeyLeft(h, allLines);
  await h.close();
  h = undefined;
}, 60_000);
afterAll(() => {
  // The sweep above is only meaningful if the workers really logged their calls.
  expect(allLines.some((l) => l.includes('"provider call"'))).toBe(true);
});

interface UserSetup {
  userId: string;
  plan: Plan;
  keys: Partial<Record<Provider, string>> | undefined;
}

describe("two worker processes", { timeout: 180_000 }, () => {
  it("20 users × 10 recordings: every call used the owner's key or the platform's with a reason", async () => {
    h = await createHarness("worker-procs");
    procs = [spawnWorker(h, "wA"), spawnWorker(h, "wB")];
    await Promise.all(procs.map((p) => p.ready));

    const plans: Plan[] = ["free", "start", "pro", "business"];
    const users: UserSetup[] = [];
    for (let i = 0; i < 20; i++) {
      const plan = plans[i % 4] as Plan;
      const userId = await h.user(plan);
      const label = `conc_user_${String(i).padStart(2, "0")}`;
      const keys: Partial<Record<Provider, string>> | undefined = [
        { openai: h.mint("openai", "valid", label) },
        { anthropic: h.mint("anthropic", "valid", label) },
        { gemini: h.mint("gemini", "valid", label) },
        { openai: h.mint("openai", "invalid", label) },
        { anthropic: h.mint("anthropic", "quota", label) },
        undefined,
      ][i % 6];
      users.push({ userId, plan, keys });
    }
    const submitted = await Promise.all(
      users.flatMap((u) =>
        Array.from({ length: 10 }, async () => ({ user: u, ...(await h!.submit({ userId: u.userId, keys: u.keys })) })),
      ),
    );
    const done = await Promise.all(submitted.map(async (s) => ({ ...s, rec: await h!.waitFor(s.recordingId) })));

    const owner = new Map(done.map((d) => [d.recordingId, d.user]));
    const serverFp = new Map(Object.entries(h.serverKeys).map(([p, k]) => [p, keyFingerprint(k as string)]));
    // Worker logs arrive through pipes and can trail the store; the emulator (in this process) has
    // every call by now, so wait until the logs account for as many.
    const loggedCalls = () => procs.flatMap((p) => p.records()).filter((r) => r.msg === "provider call");
    await expect.poll(() => loggedCalls().length).toBe(h.emu.calls().length);
    const calls = loggedCalls();
    let misattributed = 0;
    for (const c of calls) {
      const user = owner.get(String(c.recordingId));
      const ownFps = new Set(Object.values(user?.keys ?? {}).map((k) => keyFingerprint(k)));
      const ok = c.keySource === "byok" ? ownFps.has(String(c.keyFp)) : serverFp.get(String(c.provider)) === c.keyFp;
      if (!ok) misattributed++;
    }
    expect(misattributed).toBe(0);
    expect(calls.length).toBeGreaterThanOrEqual(400);

    for (const { user, rec } of done) {
      expect(rec.status).toBe("completed");
      const expectStt = user.keys?.openai
        ? user.keys.openai.includes("invalid")
          ? { keySource: "server", fallbackReason: "invalid_key" }
          : { keySource: "byok", fallbackReason: null }
        : user.keys?.gemini
          ? { provider: "gemini", keySource: "byok", fallbackReason: null }
          : user.keys
            ? // An Anthropic key cannot transcribe: the platform pays, and says why.
              { keySource: "server", fallbackReason: "no_user_key" }
            : { keySource: "server", fallbackReason: null };
      expect(rec.stages.stt.attribution).toMatchObject(expectStt);
      const a = rec.stages.analysis.attribution;
      if (user.keys?.gemini) expect(a).toMatchObject({ provider: "gemini", keySource: "byok" });
      else if (user.keys?.anthropic?.includes("quota"))
        expect(a).toMatchObject({ provider: "anthropic", keySource: "server", fallbackReason: "quota_exceeded" });
      else if (user.keys?.anthropic) expect(a).toMatchObject({ provider: "anthropic", keySource: "byok" });
      else if (user.keys?.openai?.includes("invalid"))
        expect(a).toMatchObject({ provider: "openai", keySource: "server", fallbackReason: "invalid_key" });
      else if (user.keys?.openai) expect(a).toMatchObject({ provider: "openai", keySource: "byok" });
      else expect(a).toMatchObject({ keySource: "server", fallbackReason: null });
      if ((user.plan === "free" || user.plan === "start") && a) expect(a.tier).toBeLessThanOrEqual(1);
      // The workers' logs name exactly the calls this recording's attribution claims.
      const mine = calls.filter((c) => c.recordingId === rec.id && c.outcome === "ok");
      expect(mine.map((c) => c.keySource).sort()).toEqual([rec.stages.stt.attribution?.keySource, a?.keySource].sort());
    }

    // The emulator saw the same calls, key for key, as the workers logged.
    const logged = calls.map((c) => String(c.keyFp)).sort();
    const seen = h.emu
      .calls()
      .map((c) => String(c.keyFingerprint))
      .sort();
    expect(seen).toEqual(logged);
    // Both processes took part.
    for (const p of procs) expect(p.records().filter((r) => r.msg === "stage completed").length).toBeGreaterThan(0);
    const writer = h.byokWriter;
    // Deleted in the same write as each recording's final state, which the loop above has seen.
    for (const d of done) if (d.byokRef) expect(await writer.peek(d.user.userId, d.byokRef as string)).toBeNull();
  });

  it("a worker SIGKILLed mid-job: the other one finishes the job and nothing is lost", async () => {
    h = await createHarness("worker-fault", { slowMs: 3_000 });
    procs = [spawnWorker(h, "wA"), spawnWorker(h, "wB")];
    await Promise.all(procs.map((p) => p.ready));
    const userId = await h.user("pro");
    const key = h.mint("openai", "slow");
    const { recordingId, byokRef } = await h.submit({ userId, keys: { openai: key } });
    // Whichever process picked the job up is killed while its slow provider call is in flight.
    const started = (p: WorkerProcess) =>
      p.records().some((r) => r.msg === "stage started" && r.recordingId === recordingId);
    let a: WorkerProcess | undefined;
    for (let i = 0; i < 6_000 && !a; i++) {
      a = procs.find(started);
      if (!a) await new Promise((r) => setTimeout(r, 10));
    }
    if (!a) throw new Error("no worker started the job");
    const b = procs.find((p) => p !== a) as WorkerProcess;
    a.child.kill("SIGKILL");
    await a.exited;
    const rec = await h.waitFor(recordingId);

    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "byok", fallbackReason: null });
    expect(rec.stages.analysis.attribution).toMatchObject({ keySource: "byok", fallbackReason: null });
    expect(rec.transcript).toContain(`Transcript of ${recordingId}.wav`);
    expect(rec.analysis?.summary).toBeTruthy();
    const finishedBy = (p: WorkerProcess) =>
      p
        .records()
        .filter((r) => r.msg === "stage completed" && r.recordingId === recordingId)
        .map((r) => r.stage);
    // The store says "completed" before the worker's own log line about it reaches this process.
    await expect.poll(() => finishedBy(b).sort()).toEqual(["analysis", "stt"]);
    expect(finishedBy(a)).toEqual([]);
    expect(a.records().some((r) => r.msg === "stage started" && r.recordingId === recordingId)).toBe(true);
    expect(b.records().some((r) => r.msg === "job stalled; BullMQ moves it back to wait")).toBe(true);
    expect(await h.byokWriter.peek(userId, byokRef as string)).toBeNull();
  });

  it("SIGTERM shuts a worker down cleanly", async () => {
    h = await createHarness("worker-term");
    const p = spawnWorker(h, "wT");
    procs = [p];
    await p.ready;
    expect(await p.stop("SIGTERM")).toBe(0);
    expect(p.records().some((r) => r.msg === "stopped" && r.clean === true)).toBe(true);
  });
});
