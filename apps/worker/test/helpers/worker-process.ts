import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emulatorProviderEnv } from "@byok/provider-emulator";
import { type Harness, type ServerKeys, TEST_WORKER_ENV } from "./harness";

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Every stdout and stderr line, for attribution checks and the leak sweep. */
  lines: string[];
  records(): Record<string, unknown>[];
  ready: Promise<void>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `node --import tsx index.ts` is what `tsx index.ts` runs, minus tsx's relay process: a SIGKILL then
 * lands on the worker itself instead of orphaning it.
 */
export function spawnWorker(
  h: Harness,
  name: string,
  env: Record<string, string> = {},
  serverKeys: ServerKeys = h.serverKeys,
): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
    cwd: WORKER_DIR,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      REDIS_URL: h.ns.url,
      DATABASE_URL: h.pg.url,
      BYOK_REDIS_PREFIX: h.ns.prefix,
      PLATFORM_TOKEN_SECRET: h.secret,
      ...emulatorProviderEnv(h.emu.baseUrls, serverKeys),
      RECORDINGS_DIR: h.dir,
      WORKER_NAME: name,
      WORKER_CONCURRENCY: "8",
      // Short enough that a SIGKILLed worker's job moves on within seconds, long enough (renewed every
      // 2.5 s) that a live worker starved of CPU by a parallel suite does not lose its lock mid-call.
      WORKER_LOCK_DURATION_MS: "5000",
      WORKER_STALLED_INTERVAL_MS: "1000",
      PROVIDER_TIMEOUT_MS: "20000",
      LOG_LEVEL: "info",
      ...TEST_WORKER_ENV,
      ...env,
    },
  });
  const lines: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        if (!line) continue;
        lines.push(line);
        if (line.includes('"worker ready"')) readyResolve();
      }
    });
  };
  collect(child.stdout as NodeJS.ReadableStream);
  collect(child.stderr as NodeJS.ReadableStream);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    name,
    child,
    lines,
    ready,
    exited,
    records: () =>
      lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
