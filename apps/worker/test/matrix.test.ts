import { type Behaviour, behavioursOf, keyFingerprint } from "@byok/provider-emulator";
import {
  type ByokPolicy,
  type FailureReason,
  PROVIDERS,
  PROVIDER_REGISTRY,
  type Provider,
  allowedModels,
  findModel,
} from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDatabase } from "@byok/db/testing";
import { createHarness, type Harness } from "./helpers/harness";
import { dumpKeyspace, findSecrets } from "./helpers/sweep";

const POLICIES: ByokPolicy[] = ["fallback", "byok_only"];
/** Each key behaviour's reason; region has its own test below (the platform's attempt moves provider). */
const REASON: Partial<Record<Behaviour, FailureReason | null>> = {
  valid: null,
  invalid: "invalid_key",
  quota: "quota_exceeded",
  ratelimit: "rate_limited",
  error: "provider_unavailable",
  usagelimit: "quota_exceeded",
  spendlimit: "quota_exceeded",
  nocredit: "quota_exceeded",
  disabled: "account_disabled",
  nobilling: "billing_required",
  blocked: "permission_denied",
  html: "bad_response",
  empty: "bad_response",
};
const TRANSIENT = new Set(["ratelimit", "error"]);
/** The start plan's transcription model: the provider's own when it transcribes, else the platform's first. */
function sttModelFor(provider: Provider): { provider: Provider; id: string } {
  const model = allowedModels("start", "stt", PROVIDER_REGISTRY[provider].capabilities.stt ? provider : undefined)[0];
  if (!model) throw new Error("no transcription model");
  return { provider: model.provider, id: model.id };
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-matrix");
  h.start();
});
afterAll(async () => {
  await h.close();
});

/** What one stage does with a user key of this behaviour under this policy. */
function expectStage(behaviour: Behaviour, policy: ByokPolicy) {
  const reason = REASON[behaviour] ?? null;
  if (reason === null) return { ok: true, keySource: "byok", reason: null, userCalls: 1, serverCalls: 0 } as const;
  if (policy === "fallback") return { ok: true, keySource: "server", reason, userCalls: 1, serverCalls: 1 } as const;
  return { ok: false, keySource: null, reason, userCalls: TRANSIENT.has(behaviour) ? 3 : 1, serverCalls: 0 } as const;
}

describe("provider × emulator behaviour × policy", { timeout: 60_000 }, () => {
  const cases = PROVIDERS.flatMap((p) =>
    behavioursOf(p)
      .filter((b) => b in REASON)
      .flatMap((b) => POLICIES.map((pol) => [p, b, pol] as const)),
  );

  it.each(cases)("%s key that is %s, policy %s", async (provider, behaviour, policy) => {
    h.emu.clearCalls();
    const userId = await h.user("start", policy);
    const userKey = h.mint(provider, behaviour);
    const { recordingId, byokRef } = await h.submit({ userId, keys: { [provider]: userKey } });
    const rec = await h.waitFor(recordingId);
    const exp = expectStage(behaviour, policy);
    const userFp = keyFingerprint(userKey);
    const serverFp = (p: Provider) => keyFingerprint(h.serverKeys[p] as string);

    // A key of a provider that transcribes takes part in transcription. A user whose only key cannot
    // transcribe has no key for that stage: the platform pays and says so, or under byok_only the
    // stage fails with no_user_key before any call.
    const sttModel = sttModelFor(provider);
    const stt =
      sttModel.provider === provider
        ? exp
        : policy === "fallback"
          ? ({ ok: true, keySource: "server", reason: "no_user_key", userCalls: 0, serverCalls: 1 } as const)
          : ({ ok: false, keySource: null, reason: "no_user_key", userCalls: 0, serverCalls: 0 } as const);
    expect(rec.stages.stt.status).toBe(stt.ok ? "completed" : "failed");
    if (stt.ok) {
      expect(rec.stages.stt.attribution).toMatchObject({
        provider: sttModel.provider,
        model: sttModel.id,
        keySource: stt.keySource,
        fallbackReason: stt.reason,
      });
    } else {
      expect(rec.stages.stt.error?.reason).toBe(stt.reason);
      expect(rec.stages.analysis.status).toBe("pending");
    }

    const analysis = stt.ok ? exp : null;
    if (analysis) {
      expect(rec.stages.analysis.status).toBe(analysis.ok ? "completed" : "failed");
      if (analysis.ok) {
        const a = rec.stages.analysis.attribution;
        expect(a).toMatchObject({ provider, keySource: analysis.keySource, fallbackReason: analysis.reason });
        expect(findModel(a?.model ?? "")?.tier).toBeLessThanOrEqual(1);
        expect(rec.analysis?.summary).toMatch(/^Transcript of /);
      } else {
        expect(rec.stages.analysis.error?.reason).toBe(analysis.reason);
      }
    }
    expect(rec.status).toBe(stt.ok && analysis?.ok ? "completed" : "failed");

    // The emulator saw exactly the keys the attribution claims, call by call.
    const calls = h.emu.calls();
    const sttCalls = calls.filter(
      (c) => c.provider === sttModel.provider && (c.endpoint === "audio/transcriptions" || c.model === sttModel.id),
    );
    const llmCalls = calls.filter((c) => c.provider === provider && !sttCalls.includes(c));
    expect(sttCalls.filter((c) => c.keyFingerprint === userFp)).toHaveLength(stt.userCalls);
    expect(sttCalls.filter((c) => c.keyFingerprint === serverFp(sttModel.provider))).toHaveLength(stt.serverCalls);
    expect(sttCalls).toHaveLength(stt.userCalls + stt.serverCalls);
    expect(llmCalls.filter((c) => c.keyFingerprint === userFp)).toHaveLength(analysis?.userCalls ?? 0);
    expect(llmCalls.filter((c) => c.keyFingerprint === serverFp(provider))).toHaveLength(analysis?.serverCalls ?? 0);
    expect(calls).toHaveLength(sttCalls.length + llmCalls.length);

    // The key's health is the last outcome of its last call, from the pipeline; a key never called has
    // none. It is written right after the stage's answer (the answer is stored first), so it may trail
    // the recording's final state by a moment.
    if (stt.userCalls + (analysis?.userCalls ?? 0) === 0) expect(await h.keyHealth.list(userId)).toEqual([]);
    else
      await expect
        .poll(() => h.keyHealth.list(userId))
        .toMatchObject([{ provider, outcome: REASON[behaviour] ?? "ok", source: "pipeline" }]);

    // The reference ends with the pipeline, success or final failure: the entry is deleted right
    // after the final state is stored, and the row stops pointing at it.
    await expect.poll(() => h.byokWriter.peek(userId, byokRef as string)).toBeNull();
    await expect.poll(async () => (await h.recordings.get(recordingId))?.byokRef).toBeNull();
  });

  it("leaves no test key in Redis (BullMQ hashes and streams included), PostgreSQL or the worker logs", async () => {
    const dump = await dumpKeyspace(h.ns.redis, h.ns.prefix);
    const types = new Set(dump.map((d) => d.type));
    expect(types).toContain("hash");
    expect(types).toContain("stream");
    const database = await dumpDatabase(h.pg.url);
    // Not vacuous: the dump holds the recordings and every provider call the matrix made.
    expect(database).toContain("COPY public.provider_calls");
    expect((database.match(/\trec_[0-9a-f]{32}\t/g) ?? []).length).toBeGreaterThan(30);
    expect(h.logs.lines.some((l) => l.includes("provider call"))).toBe(true);
    expect(findSecrets([...dump.map((d) => d.text), database, ...h.logs.lines], h.minted)).toEqual([]);
  });
});
