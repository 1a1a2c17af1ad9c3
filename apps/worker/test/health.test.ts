import { createServer } from "node:net";
import { type PrivateRedis, startPrivateRedis } from "@byok/test-utils";
import { afterAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let redis: PrivateRedis | undefined;
let h: Harness | undefined;
let worker: WorkerProcess | undefined;
afterAll(async () => {
  // Its Redis is gone by now; the shutdown with Redis down has a test of its own.
  await worker?.stop("SIGKILL");
  await h?.close().catch(() => undefined);
  await redis?.stop();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("worker health", { timeout: 60_000 }, () => {
  it("exits within its shutdown timeout after SIGTERM while Redis is down", async () => {
    const own = await startPrivateRedis();
    const harness = await createHarness("worker-sigterm", { redisUrl: own.url });
    try {
      const proc = spawnWorker(harness, "tA", { WORKER_SHUTDOWN_TIMEOUT_MS: "2000" });
      await proc.ready;
      await own.stop();
      const started = Date.now();
      await proc.stop("SIGTERM");
      // The timeout plus the margin for closing pools, not forever.
      expect(Date.now() - started).toBeLessThan(2_000 + 3_000 + 2_000);
    } finally {
      await harness.close().catch(() => undefined);
    }
  });

  it("reports PostgreSQL and Redis, warns about an evicting Redis, and answers 503 when Redis is gone", async () => {
    redis = await startPrivateRedis();
    await redis.client.config("SET", "maxmemory-policy", "allkeys-lru");
    h = await createHarness("worker-health", { redisUrl: redis.url });
    const port = await freePort();
    worker = spawnWorker(h, "hA", { WORKER_HEALTH_PORT: String(port) });
    await worker.ready;
    // Said once at start, in the log.
    await expect
      .poll(() => worker!.lines.some((l) => l.includes("maxmemory-policy") && l.includes("allkeys-lru")))
      .toBe(true);

    const healthy = await fetch(`http://127.0.0.1:${port}/`);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get("cache-control")).toBe("no-store");
    const report = (await healthy.json()) as {
      ok: boolean;
      postgres: { ok: boolean };
      redis: { ok: boolean; maxmemoryPolicy: string };
      warnings: string[];
    };
    expect(report).toMatchObject({
      ok: true,
      postgres: { ok: true },
      redis: { ok: true, maxmemoryPolicy: "allkeys-lru" },
    });
    expect(report.warnings.join(" ")).toMatch(/not "noeviction"/);

    await redis.stop();
    redis = undefined;
    const down = await fetch(`http://127.0.0.1:${port}/`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, postgres: { ok: true }, redis: { ok: false } });
  });
});
