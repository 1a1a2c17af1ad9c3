import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Redis } from "ioredis";
import { pgTestDatabase } from "@byok/db/testing";
import { emulatorProviderEnv, mintKey, startEmulator } from "@byok/provider-emulator";
import { freePort } from "@byok/test-utils";
import { PROVIDERS } from "@byok/types";
import { startEdge, type Edge } from "~/e2e/stack/nginx";
import { spawnLogged, waitForHttp, type Spawned } from "~/e2e/stack/processes";
import { newStackFilePath, STACK_FILE_ENV, type StackInfo } from "~/e2e/stack/stack-file";

const WEB_DIR = resolve(import.meta.dirname, "../..");
const REPO_DIR = resolve(WEB_DIR, "../..");
const RESULTS_DIR = join(WEB_DIR, "test-results");
// The upload endpoint's stalled-body timeout: 30 s in production, shorter so the suite does not wait.
const UPLOAD_IDLE_TIMEOUT_MS = 5_000;

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (batch.length) await redis.del(...batch);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export interface StartedStack {
  info: StackInfo;
  /** The environment the server runs with, secrets included: for in-process tools (the benchmark). */
  env: NodeJS.ProcessEnv;
  /** The web server's process id (benchmarks sample its memory). */
  webPid: number;
  teardown(): Promise<void>;
}

/**
 * The whole app for Playwright: emulator in-process, the worker (when it exists) and `next start`
 * on the production build, with generated secrets, a free port and a unique Redis prefix.
 */
export async function startStack(
  opts: { worker?: boolean; env?: Record<string, string>; edge?: boolean } = {},
): Promise<StartedStack> {
  // BYOK_E2E_SERVER=dev runs the same specs against the dev server: the app must work there too.
  const dev = process.env.BYOK_E2E_SERVER === "dev";
  if (!dev && !existsSync(join(WEB_DIR, ".next", "BUILD_ID"))) {
    throw new Error(
      "No production build in apps/web/.next: run `pnpm --filter @byok/web build` first (pnpm e2e does).",
    );
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `e2e:${randomBytes(4).toString("hex")}:`;
  const emulator = await startEmulator();
  // A database of its own, migrated: the stack's users and recordings never meet another run's.
  const database = await pgTestDatabase("e2e");
  const port = await freePort();
  // localhost, not 127.0.0.1: a passkey's relying party is a domain name, never an address.
  const baseUrl = `http://localhost:${port}`;
  const mailSinkDir = join(RESULTS_DIR, `mail-${prefix.replace(/:/g, "-")}`);
  const edgeDir = join(RESULTS_DIR, "edge");
  rmSync(edgeDir, { recursive: true, force: true });
  // The edge's port must be known before the app starts: it is a trusted origin of the app.
  const edgePort = await freePort();
  const recordingsDir = join(RESULTS_DIR, `recordings-${prefix.replace(/:/g, "-")}`);
  const stackFile = newStackFilePath();

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    REDIS_URL: redisUrl,
    DATABASE_URL: database.url,
    BYOK_REDIS_PREFIX: prefix,
    PLATFORM_TOKEN_SECRET: randomBytes(32).toString("base64"),
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    ...emulatorProviderEnv(
      emulator.baseUrls,
      Object.fromEntries(PROVIDERS.map((p) => [p, mintKey(p, "valid", "server")])),
    ),
    RECORDINGS_DIR: recordingsDir,
    APP_URL: baseUrl,
    TRUSTED_ORIGINS: `https://localhost:${edgePort}`,
    TRUSTED_PROXIES: "127.0.0.1",
    MAIL_SINK_DIR: mailSinkDir,
    // The specs sign in dozens of accounts from one address; the limits' own tests are in vitest.
    AUTH_IP_RATE_LIMIT_POINTS: "5000",
    SIGN_UP_IP_RATE_LIMIT_POINTS: "500",
    TESTKEY_IP_RATE_LIMIT_POINTS: "5000",
    TESTKEY_GLOBAL_RATE_LIMIT_POINTS: "50000",
    CACHE_KEYS_RATE_LIMIT_POINTS: "500",
    HOST: "127.0.0.1",
    PORT: String(port),
    UPLOAD_IDLE_TIMEOUT_MS: String(UPLOAD_IDLE_TIMEOUT_MS),
    // Seeded recordings (journeys/helpers/seed-recordings.ts) have no jobs: a reconciler at its
    // production pace would re-run them mid-test. Its behaviour has tests of its own (worker faults).
    DISPATCH_GRACE_MS: "3600000",
    RECORDING_QUIET_MS: "3600000",
    LOG_LEVEL: "info",
    ...opts.env,
  };

  const spawned: Spawned[] = [];
  const teardown = async () => {
    for (const p of spawned.reverse()) await p.stop();
    await emulator.close();
    await deleteKeys(redisUrl, prefix);
    await database.cleanup();
    rmSync(stackFile, { force: true });
    rmSync(recordingsDir, { recursive: true, force: true });
    rmSync(mailSinkDir, { recursive: true, force: true });
  };

  try {
    const workerRunning = opts.worker !== false && existsSync(join(REPO_DIR, "apps", "worker", "index.ts"));
    if (workerRunning) {
      spawned.push(
        spawnLogged("worker", "pnpm", ["--filter", "@byok/worker", "start"], {
          cwd: REPO_DIR,
          env,
          logFile: join(RESULTS_DIR, "worker.log"),
        }),
      );
    }
    // Our HTTP server around Next (server.ts), as production runs it.
    const web = spawnLogged(
      "web",
      join(WEB_DIR, "node_modules", ".bin", "tsx"),
      ["server.ts", ...(dev ? ["--dev"] : [])],
      {
        cwd: WEB_DIR,
        env,
        logFile: join(RESULTS_DIR, "web.log"),
      },
    );
    spawned.push(web);
    await waitForHttp(`http://127.0.0.1:${port}/sign-in`, web.child, dev ? 240_000 : 90_000);
    let edge: Edge | null = null;
    if (opts.edge !== false) {
      edge = await startEdge({ upstream: `127.0.0.1:${port}`, dir: edgeDir, port: edgePort });
      if (edge) spawned.push(edge.process);
    }

    const info: StackInfo = {
      baseUrl,
      emulatorUrl: emulator.url,
      emulatorBaseUrls: emulator.baseUrls,
      redisUrl,
      databaseUrl: database.url,
      uploadIdleTimeoutMs: Number(env.UPLOAD_IDLE_TIMEOUT_MS),
      prefix,
      workerRunning,
      server: dev ? "development" : "production",
      mailSinkDir,
      edge: edge ? { url: edge.url, logDir: edge.logDir } : null,
    };
    writeFileSync(stackFile, JSON.stringify(info, null, 2));
    process.env[STACK_FILE_ENV] = stackFile;
    return { info, env, webPid: web.child.pid ?? 0, teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}
