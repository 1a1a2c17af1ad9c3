import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createByokCache } from "@byok/byok-cache";
import { createTokenCipher } from "@byok/crypto";
import {
  type AccountRepository,
  type KeyHealthRepository,
  type RecordingRecord,
  type RecordingRepository,
  createAccountRepository,
  createKeyHealthRepository,
  createRecordingRepository,
} from "@byok/db";
import { pgTestDatabase, type PgTestDatabase } from "@byok/db/testing";
import { createLogger } from "@byok/logger";
import { bullPrefix, createDispatcher } from "@byok/pipeline";
import { newRecordingId, storeUploadStream } from "@byok/uploads";
import { type Behaviour, type Emulator, emulatorProviderEnv, mintKey, startEmulator } from "@byok/provider-emulator";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { type ByokPolicy, type Plan, PROVIDERS, type Provider } from "@byok/types";
import { FlowProducer } from "bullmq";
import { parseEnv } from "../../env";
import { buildWorkerContext } from "../../lib/build-context";
import { type RunningWorkers, type WorkerRuntimeConfig, startWorkers } from "../../lib/start-workers";
import type { WorkerContext } from "../../lib/worker-context";
import { wavBytes } from "./audio";
import { captureLines } from "./log-capture";

export type ServerKeys = Partial<Record<Provider, string>>;

export interface Harness {
  ns: RedisTestNamespace;
  pg: PgTestDatabase;
  emu: Emulator;
  dir: string;
  secret: string;
  logs: ReturnType<typeof captureLines>;
  /** Every key minted by this test file: the leak sweep looks for each of them. */
  minted: Set<string>;
  mint(provider: Provider, behaviour: Behaviour, label?: string): string;
  serverKeys: ServerKeys;
  context(serverKeys?: ServerKeys, timeoutMs?: number, env?: Record<string, string>): WorkerContext;
  start(options?: {
    serverKeys?: ServerKeys;
    queues?: WorkerRuntimeConfig["queues"];
    concurrency?: number;
    timeoutMs?: number;
    /** More worker variables (retry tuning, breaker), over the test defaults. */
    env?: Record<string, string>;
  }): RunningWorkers;
  user(plan: Plan, policy?: ByokPolicy): Promise<string>;
  submit(input: {
    userId: string;
    keys?: Partial<Record<Provider, string>>;
    tag?: string;
  }): Promise<{ recordingId: string; byokRef?: string }>;
  waitFor(recordingId: string, done?: (r: RecordingRecord) => boolean): Promise<RecordingRecord>;
  recordings: RecordingRepository;
  accounts: AccountRepository;
  keyHealth: KeyHealthRepository;
  flowProducer: FlowProducer;
  /** Stores a small WAV for this recording id the way an upload does; returns its path. */
  storeWav(recordingId: string): Promise<string>;
  byokWriter: ReturnType<typeof createByokCache>;
  close(): Promise<void>;
}

const QUEUE_NAMES: WorkerRuntimeConfig["queues"] = ["stt", "llm-analyze"];

/**
 * What tests run with unless they say otherwise: no retry budget, so a key minted to fail
 * (`ratelimit`, `error`) moves the route on at once, as the routing tests expect. The retry tests
 * set their own budget and backoff.
 */
export const TEST_WORKER_ENV: Record<string, string> = { STAGE_RETRY_BUDGET_MS: "0" };
const finished = (r: RecordingRecord) => r.status === "completed" || r.status === "failed";

export async function createHarness(
  label: string,
  options: {
    slowMs?: number;
    redisUrl?: string;
    /** The BYOK entries' TTL as the web app writes them (default 5 minutes). */ byokTtlSeconds?: number;
  } = {},
): Promise<Harness> {
  const ns = await redisTestNamespace(label, options.redisUrl);
  const pg = await pgTestDatabase(label);
  const emu = await startEmulator({ slowMs: options.slowMs ?? 0 });
  const dir = await mkdtemp(path.join(tmpdir(), `${label}-`));
  const secret = randomBytes(32).toString("base64");
  const cipher = createTokenCipher({ secret });
  const logs = captureLines();
  const logger = createLogger({ name: "worker-test", level: "info", destination: logs.stream });
  const minted = new Set<string>();
  const mint = (provider: Provider, behaviour: Behaviour, l?: string) => {
    const key = mintKey(provider, behaviour, l);
    minted.add(key);
    return key;
  };
  const serverKeys: ServerKeys = Object.fromEntries(PROVIDERS.map((p) => [p, mint(p, "valid", "server")]));
  const recordings = createRecordingRepository(pg.db);
  const accounts = createAccountRepository(pg.db);
  const byokWriter = createByokCache({
    redis: ns.redis,
    cipher,
    prefix: ns.prefix,
    // These suites queue more recordings per user at once than the web app's cap allows (the cap has
    // its own tests there): the writer here stands in for the web app without it.
    maxEntriesPerUser: 1_000,
    ...(options.byokTtlSeconds ? { ttlSeconds: options.byokTtlSeconds } : {}),
  });
  const producerConnection = ns.redis.duplicate();
  const flowProducer = new FlowProducer({ connection: producerConnection, prefix: bullPrefix(ns.prefix) });
  const dispatcher = createDispatcher({ flowProducer, recordings, policy: { backoffMs: 20 } });
  const running: RunningWorkers[] = [];

  // The production wiring, from the same variables a worker process reads.
  const context = (
    keys: ServerKeys = serverKeys,
    timeoutMs = 10_000,
    env: Record<string, string> = {},
  ): WorkerContext =>
    buildWorkerContext(
      parseEnv({
        ...TEST_WORKER_ENV,
        REDIS_URL: ns.url,
        DATABASE_URL: pg.url,
        BYOK_REDIS_PREFIX: ns.prefix,
        PLATFORM_TOKEN_SECRET: secret,
        ...emulatorProviderEnv(emu.baseUrls, keys),
        RECORDINGS_DIR: dir,
        PROVIDER_TIMEOUT_MS: String(timeoutMs),
        ...env,
      }),
      ns.redis,
      pg.db,
      logger,
    );

  return {
    ns,
    pg,
    emu,
    dir,
    secret,
    logs,
    minted,
    mint,
    serverKeys,
    recordings,
    accounts,
    keyHealth: createKeyHealthRepository(pg.db),
    flowProducer,
    async storeWav(recordingId) {
      const data = wavBytes(recordingId);
      return (
        await storeUploadStream({
          dir,
          recordingId,
          source: Readable.from([Buffer.from(data)]),
          maxBytes: data.byteLength,
        })
      ).storedPath;
    },
    byokWriter,
    context,
    start({ serverKeys: keys, queues = QUEUE_NAMES, concurrency = 4, timeoutMs, env } = {}) {
      const r = startWorkers(context(keys, timeoutMs, env), {
        redisUrl: ns.url,
        prefix: ns.prefix,
        queues,
        concurrency,
        lockDurationMs: 10_000,
        stalledIntervalMs: 5_000,
        maxStalledCount: 1,
        name: `${label}-inproc`,
      });
      running.push(r);
      return r;
    },
    async user(plan, policy = "fallback") {
      const id = `u_${randomBytes(10).toString("hex")}`;
      await accounts.ensure({ id, email: `${id}@example.test`, plan });
      if (policy !== "fallback") await accounts.setPolicy(id, policy);
      return id;
    },
    async submit({ userId, keys, tag }) {
      const recordingId = newRecordingId();
      const data = wavBytes(tag ?? recordingId);
      const { storedPath } = await storeUploadStream({
        dir,
        recordingId,
        source: Readable.from([Buffer.from(data)]),
        maxBytes: data.byteLength,
      });
      const byokRef = keys ? (await byokWriter.put(userId, keys)).ref : undefined;
      const rec = await recordings.create({
        id: recordingId,
        userId,
        fileName: "talk.wav",
        audioType: "wav",
        size: data.byteLength,
        storedPath,
        byokRef,
      });
      await dispatcher.dispatch(rec);
      return { recordingId, byokRef };
    },
    async waitFor(recordingId, done = finished) {
      // A bound on polls, not a speed assertion: it only stops a stuck test from spinning forever.
      for (let i = 0; i < 4_000; i++) {
        const r = await recordings.get(recordingId);
        if (r && done(r)) return r;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error(`recording ${recordingId} never reached the awaited state`);
    },
    async close() {
      // With its Redis stopped by a fault test, BullMQ's graceful closes would wait for ever.
      const redisUp = ns.redis.status === "ready";
      for (const r of running) if (redisUp) await r.close(5_000);
      if (redisUp) await flowProducer.close();
      producerConnection.disconnect();
      await emu.close();
      await rm(dir, { recursive: true, force: true });
      await ns.cleanup();
      await pg.cleanup();
    },
  };
}
