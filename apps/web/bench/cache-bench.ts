/**
 * cacheByokKeys vs a protected no-op mutation (user.ping), over HTTP against the production build
 * (`next start`), at concurrency 16, measured in the same run with alternating rounds.
 *
 *   pnpm --filter @byok/web build && flock /tmp/next.lock pnpm --filter @byok/web bench:cache
 *
 * Env: BENCH_REQUESTS (per procedure per round, default 1000), BENCH_ROUNDS (default 3),
 * BENCH_CONCURRENCY (default 16).
 */
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { encodeByokHeader } from "@byok/byok-header";
import { mintKey } from "@byok/provider-emulator";
import { createVerifiedAccount, closeAccountPools, signInOverHttp } from "~/e2e/support/accounts";
import { startStack } from "~/e2e/stack/start-stack";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = 300;

interface Sample {
  latencies: number[];
  wallMs: number;
}

async function runLoad(total: number, concurrency: number, call: () => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summarize(samples: Sample[]) {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const wallMs = samples.reduce((sum, s) => sum + s.wallMs, 0);
  return {
    n: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: latencies.length / (wallMs / 1000),
  };
}

async function main() {
  // One user makes every call: its per-minute limit on key uploads is lifted for the measurement.
  const stack = await startStack({ worker: false, edge: false, env: { CACHE_KEYS_RATE_LIMIT_POINTS: "1000000" } });
  try {
    const email = `bench-${randomBytes(3).toString("hex")}@example.com`;
    const account = await createVerifiedAccount(stack.info.databaseUrl, email, "pro");
    const cookie = await signInOverHttp(stack.info.baseUrl, email, account.password);
    const base = `${stack.info.baseUrl}/api/trpc`;
    const headers = { cookie, origin: stack.info.baseUrl, "content-type": "application/json" };
    const byokHeader = encodeByokHeader({
      openai: mintKey("openai", "valid", "benchmark_key"),
      anthropic: mintKey("anthropic", "valid", "benchmark_key"),
      gemini: mintKey("gemini", "valid", "benchmark_key"),
    });
    const cacheBody = JSON.stringify({ providers: ["openai", "anthropic", "gemini"] });

    const ping = async () => {
      const res = await fetch(`${base}/user.ping`, { method: "POST", headers });
      if (res.status !== 200) throw new Error(`ping answered ${res.status}`);
      await res.arrayBuffer();
    };
    const cache = async () => {
      const res = await fetch(`${base}/user.cacheByokKeys`, {
        method: "POST",
        headers: { ...headers, "x-byok-key": byokHeader },
        body: cacheBody,
      });
      if (res.status !== 200) throw new Error(`cacheByokKeys answered ${res.status}`);
      await res.arrayBuffer();
    };

    await runLoad(WARMUP, CONCURRENCY, ping);
    await runLoad(WARMUP, CONCURRENCY, cache);
    const pings: Sample[] = [];
    const caches: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order, so drift on a shared machine hits both sides alike.
      if (round % 2 === 0) {
        pings.push(await runLoad(REQUESTS, CONCURRENCY, ping));
        caches.push(await runLoad(REQUESTS, CONCURRENCY, cache));
      } else {
        caches.push(await runLoad(REQUESTS, CONCURRENCY, cache));
        pings.push(await runLoad(REQUESTS, CONCURRENCY, ping));
      }
    }
    const p = summarize(pings);
    const c = summarize(caches);
    const fmt = (x: number) => x.toFixed(2);
    console.log(`# cacheByokKeys vs user.ping — ${new Date().toISOString()}`);
    console.log(
      `server.ts (production build), Node ${process.version}, ${cpus().length} CPUs, concurrency ${CONCURRENCY}, ${ROUNDS} rounds × ${REQUESTS} requests per procedure`,
    );
    console.log("");
    console.log("| procedure | requests | p50 ms | p99 ms | req/s |");
    console.log("|---|---|---|---|---|");
    console.log(`| user.ping (no-op, protected) | ${p.n} | ${fmt(p.p50)} | ${fmt(p.p99)} | ${p.rps.toFixed(0)} |`);
    console.log(`| user.cacheByokKeys (3 keys) | ${c.n} | ${fmt(c.p50)} | ${fmt(c.p99)} | ${c.rps.toFixed(0)} |`);
    console.log("");
    console.log(
      `overhead: p50 ${fmt(c.p50 / p.p50)}×, p99 ${fmt(c.p99 / p.p99)}×, throughput ${fmt(p.rps / c.rps)}× (goal ≤ 1.3×)`,
    );
  } finally {
    await closeAccountPools();
    await stack.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
