import { keyFingerprint } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY, type Provider, estimateCost } from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-ledger");
  h.start({ concurrency: 8 });
});
afterAll(async () => {
  await expectNoMintedKeyLeft(h);
  await h.close();
});

interface LedgerRow {
  provider: Provider;
  model: string;
  key_source: "byok" | "server";
  outcome: string;
  audio_seconds: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  estimated_cost_usd: string | null;
  prices_taken_on: string | null;
  provider_request_id: string | null;
}

const sum = (values: (number | null | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

describe("the usage ledger", { timeout: 120_000 }, () => {
  it("after a mixed run with fallbacks and failures, its totals equal the emulator's call log exactly", async () => {
    const setups: { policy: "fallback" | "byok_only"; keys?: Partial<Record<Provider, string>> }[] = [
      { policy: "fallback" },
      { policy: "fallback", keys: { openai: h.mint("openai", "valid") } },
      { policy: "fallback", keys: { gemini: h.mint("gemini", "valid") } },
      { policy: "fallback", keys: { groq: h.mint("groq", "valid") } },
      { policy: "fallback", keys: { anthropic: h.mint("anthropic", "valid") } },
      // Fallbacks: a key out of quota, an invalid key, a refused region.
      { policy: "fallback", keys: { openai: h.mint("openai", "quota") } },
      { policy: "fallback", keys: { anthropic: h.mint("anthropic", "invalid"), groq: h.mint("groq", "valid") } },
      { policy: "fallback", keys: { openai: h.mint("openai", "region"), gemini: h.mint("gemini", "valid") } },
      // Failures: only the user's key may pay, and it cannot.
      { policy: "byok_only", keys: { openai: h.mint("openai", "invalid") } },
      { policy: "byok_only", keys: { groq: h.mint("groq", "disabled") } },
    ];
    const submitted = await Promise.all(
      setups.flatMap((s) =>
        Array.from({ length: 3 }, async () => {
          const userId = await h.user("pro", s.policy);
          return h.submit({ userId, keys: s.keys });
        }),
      ),
    );
    const done = await Promise.all(submitted.map((s) => h.waitFor(s.recordingId)));
    expect(done.filter((r) => r.status === "failed").length).toBe(6);
    expect(done.filter((r) => r.status === "completed").length).toBe(24);

    const { rows } = await h.pg.pool.query<LedgerRow>(
      "select *, prices_taken_on::text as prices_taken_on from provider_calls",
    );
    const calls = h.emu.calls();
    expect(rows.length).toBe(calls.length);

    // Count of calls per provider and key source.
    const serverFp = new Set(PROVIDERS.map((p) => keyFingerprint(h.serverKeys[p] as string)));
    const count = (items: { provider: string; source: string }[]) => {
      const out: Record<string, number> = {};
      for (const i of items) out[`${i.provider}/${i.source}`] = (out[`${i.provider}/${i.source}`] ?? 0) + 1;
      return out;
    };
    expect(count(rows.map((r) => ({ provider: r.provider, source: r.key_source })))).toEqual(
      count(
        calls.map((c) => ({
          provider: c.provider,
          source: serverFp.has(String(c.keyFingerprint)) ? "server" : "byok",
        })),
      ),
    );
    // Outcomes: the emulator's 200s are the ledger's "ok"s.
    expect(rows.filter((r) => r.outcome === "ok").length).toBe(calls.filter((c) => c.status === 200).length);

    // Units: every token and second the providers reported, per provider.
    for (const provider of PROVIDERS) {
      const mine = rows.filter((r) => r.provider === provider);
      const theirs = calls.filter((c) => c.provider === provider);
      expect(sum(mine.map((r) => r.input_tokens))).toBe(sum(theirs.map((c) => c.usage?.inputTokens)));
      expect(sum(mine.map((r) => r.output_tokens))).toBe(sum(theirs.map((c) => c.usage?.outputTokens)));
      expect(sum(mine.map((r) => (r.audio_seconds === null ? null : Number(r.audio_seconds))))).toBeCloseTo(
        sum(
          theirs.map((c) =>
            c.usage?.audioSeconds === undefined ? null : Math.round(c.usage.audioSeconds * 1000) / 1000,
          ),
        ),
        6,
      );
    }
    expect(sum(rows.map((r) => r.input_tokens))).toBeGreaterThan(0);
    expect(sum(rows.map((r) => (r.audio_seconds === null ? 0 : Number(r.audio_seconds))))).toBeGreaterThan(0);

    // Request ids: the ones the providers gave, call for call.
    expect(
      rows
        .map((r) => r.provider_request_id)
        .filter(Boolean)
        .sort(),
    ).toEqual(
      calls
        .filter((c) => c.status === 200)
        .map((c) => c.requestId)
        .sort(),
    );

    // Each successful call's estimate is the dated table's price of its units; failures carry none.
    for (const r of rows) {
      if (r.outcome !== "ok") {
        expect(r.estimated_cost_usd).toBeNull();
        continue;
      }
      const expected = estimateCost(r.provider, r.model, {
        inputTokens: r.input_tokens,
        outputTokens: r.output_tokens,
        audioSeconds: r.audio_seconds === null ? null : Number(r.audio_seconds),
      });
      expect(r.prices_taken_on).toBe(PROVIDER_REGISTRY[r.provider].prices.takenOn);
      expect(r.estimated_cost_usd).not.toBeNull();
      // Gemini's audio tokens are priced apart, so its transcription estimate is at least the text rate's.
      if (r.provider !== "gemini") expect(Number(r.estimated_cost_usd)).toBeCloseTo(expected?.usd ?? -1, 9);
      else expect(Number(r.estimated_cost_usd)).toBeGreaterThanOrEqual((expected?.usd ?? 0) - 1e-9);
    }
  });
});
