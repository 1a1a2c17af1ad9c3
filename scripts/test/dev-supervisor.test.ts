import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pgTestDatabase, type PgTestDatabase } from "@byok/db/testing";
import { freePort, redisTestNamespace, TEST_REDIS_URL, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sessionMembers } from "../lib/process-session";

// The real supervisor on this checkout, on free ports. next dev allows one dev server per app
// directory, so this file fails while a `pnpm dev` of the same checkout is running.
const ROOT = resolve(import.meta.dirname, "../..");
// next dev compiles the first page on demand; on a shared two-core machine that takes a while.
const START_TIMEOUT_MS = 240_000;

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

const alive = (pid: number) => {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== "Z";
};

/** Every live process under `pid`, found through parent links. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (!alive(next)) continue;
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

interface Supervisor {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<void>;
  exit: Promise<number | null>;
  appUrl: string;
}

let ns: RedisTestNamespace;
let recordings: string;
const running: ChildProcess[] = [];

let pg: PgTestDatabase;

beforeAll(async () => {
  ns = await redisTestNamespace("dev");
  // The database scripts/dev.sh would have found and migrated before starting the supervisor.
  pg = await pgTestDatabase("dev");
  recordings = mkdtempSync(join(tmpdir(), "byok-dev-"));
});
afterEach(() => {
  // A failed assertion must not leave a dev stack behind; the supervisor's own stop is what is
  // under test, so this uses none of it.
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    const session = turboSession(child.pid!, { required: false });
    child.kill("SIGKILL");
    if (session !== undefined) for (const pid of sessionMembers(session)) process.kill(pid, "SIGKILL");
  }
});
afterAll(async () => {
  await ns.cleanup();
  await pg.cleanup();
  rmSync(recordings, { recursive: true, force: true });
});

async function startSupervisor(): Promise<Supervisor> {
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: TEST_REDIS_URL,
      DATABASE_URL: pg.url,
      BYOK_REDIS_PREFIX: ns.prefix,
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      PLATFORM_TOKEN_SECRET: randomBytes(32).toString("base64"),
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      RECORDINGS_DIR: recordings,
    },
  });
  running.push(child);
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(text)) {
      if (child.exitCode !== null) throw new Error(`supervisor exited (${child.exitCode}) before ${pattern}:\n${text}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`);
      await sleep(200);
    }
  };
  return { child, output: () => text, waitFor, exit, appUrl: `http://localhost:${port}` };
}

/** turbo's session: where every process it starts lives, in whatever process group. */
function turboSession(supervisorPid: number): number;
function turboSession(supervisorPid: number, options: { required: false }): number | undefined;
function turboSession(supervisorPid: number, { required = true } = {}): number | undefined {
  const own = Number(statFields(supervisorPid)?.[3]);
  const session = descendants(supervisorPid)
    .map((pid) => Number(statFields(pid)?.[3]))
    .find((sid) => sid !== own);
  if (session === undefined && required) throw new Error("turbo has not started");
  return session;
}

const answers = (url: string) =>
  fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) }).then(
    () => true,
    () => false,
  );

describe("scripts/dev.ts (the dev supervisor)", () => {
  it(
    "prints the URL once the page answers; SIGTERM then stops web, worker and emulator, leaving nothing running",
    async () => {
      const dev = await startSupervisor();
      await dev.waitFor(/\[dev\] app: http:\/\/localhost:\d+/, START_TIMEOUT_MS);
      expect(await answers(dev.appUrl)).toBe(true);
      await dev.waitFor(/@byok\/worker:dev: .*worker ready/, 60_000);
      await dev.waitFor(/@byok\/provider-emulator:dev: provider emulator listening/, 60_000);

      const tree = descendants(dev.child.pid!);
      const session = turboSession(dev.child.pid!);
      // turbo, pnpm, next and its server, tsx watch and the processes it runs.
      expect(tree.length).toBeGreaterThan(8);

      dev.child.kill("SIGTERM");
      expect(await dev.exit).toBe(143);
      expect(tree.filter(alive)).toEqual([]);
      expect(sessionMembers(session)).toEqual([]);
      expect(await answers(dev.appUrl)).toBe(false);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    "shows progress while it starts, and SIGINT during the start stops everything without printing a URL",
    async () => {
      const dev = await startSupervisor();
      await dev.waitFor(/\[dev\] starting… waiting for http:\/\/localhost:\d+ to answer/, START_TIMEOUT_MS);
      // Long enough for turbo to have started its tasks, far too short for the first page.
      await dev.waitFor(/@byok\/web:dev: .*server\.ts --dev/, START_TIMEOUT_MS);
      const session = turboSession(dev.child.pid!);
      const tree = descendants(dev.child.pid!);

      dev.child.kill("SIGINT");
      expect(await dev.exit).toBe(130);
      expect(tree.filter(alive)).toEqual([]);
      expect(sessionMembers(session)).toEqual([]);
      expect(dev.output()).not.toMatch(/\[dev\] app:/);
    },
    START_TIMEOUT_MS + 60_000,
  );
});
