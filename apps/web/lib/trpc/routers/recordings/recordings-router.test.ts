import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeByokHeader } from "@byok/byok-header";
import { QUEUES, bullPrefix } from "@byok/pipeline";
import { keyFingerprint } from "@byok/provider-emulator";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MintedKeys } from "~/test/server/leak-check";
import { type CallResult, dataOf, errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../worker");

let stack: ServerStack;
let dir: string;
const minted = new MintedKeys();
const seen: string[] = [];
const keep = (r: CallResult) => {
  seen.push(r.text);
  return r;
};

function wav(tag: string, size?: number): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode(tag);
  const out = new Uint8Array(new ArrayBuffer(size ?? 44 + body.length));
  out.set([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69], 0);
  out.set(body.subarray(0, Math.max(0, out.length - 44)), 44);
  return out;
}

function form(fields: Record<string, string | Blob>, fileName = "talk.wav"): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Blob) f.append(k, v, fileName);
    else f.append(k, v);
  }
  return f;
}

const upload = (cookie: string, body: FormData) => stack.mutation("recordings.create", { cookie, body, contentType: null }).then(keep);

async function cacheKeys(cookie: string, keys: Record<string, string>): Promise<string> {
  const res = await stack.mutation("user.cacheByokKeys", {
    cookie,
    input: { providers: Object.keys(keys) },
    byokHeader: encodeByokHeader(keys),
  });
  return dataOf<{ ref: string }>(keep(res)).ref;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "web-recordings-"));
  stack = await startServerStack({ env: { RECORDINGS_DIR: dir, OPENAI_API_KEY: minted.mint("openai", "valid", "server") } });
});
/** Every value under the test prefix, read by type: strings, hashes, lists, sets, sorted sets, streams. */
async function keyspaceText(): Promise<{ text: string; types: Set<string> }> {
  const redis = stack.ns.redis;
  const parts: string[] = [];
  const types = new Set<string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${stack.ns.prefix}*`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      types.add(type);
      const value =
        type === "string" ? await redis.get(key)
        : type === "hash" ? await redis.hgetall(key)
        : type === "list" ? await redis.lrange(key, 0, -1)
        : type === "set" ? await redis.smembers(key)
        : type === "zset" ? await redis.zrange(key, "0", "-1")
        : type === "stream" ? await redis.xrange(key, "-", "+")
        : null;
      parts.push(key, JSON.stringify(value));
    }
  } while (cursor !== "0");
  return { text: parts.join("\n"), types };
}

afterAll(async () => {
  if (stack) {
    const { text, types } = await keyspaceText();
    // Not vacuous: BullMQ's job hashes and event streams are there to be searched.
    expect(types).toContain("hash");
    expect(types).toContain("stream");
    expect(minted.foundIn(text)).toEqual([]);
  }
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("recordings.create", { timeout: 60_000 }, () => {
  it("stores the upload under a generated name and enqueues stt → llm-analyze with ids only", async () => {
    const { userId, cookie } = await stack.signIn("rec-create@example.com", "start");
    const key = minted.mint("openai", "valid", "create");
    const ref = await cacheKeys(cookie, { openai: key });
    const res = await upload(cookie, form({ file: new Blob([wav("hello")]), byokRef: ref }, "../../evil name.wav"));
    expect(res.status).toBe(200);
    const view = dataOf<{ id: string; status: string; fileName: string; audioType: string; storedPath?: string }>(res);
    expect(view).toMatchObject({ status: "queued", fileName: "evil name.wav", audioType: "wav" });
    expect(view).not.toHaveProperty("storedPath");
    expect(await readdir(dir)).toContain(`${view.id}.wav`);

    const prefix = bullPrefix(stack.ns.prefix);
    const stt = new Queue(QUEUES.stt, { connection: stack.ns.redis, prefix });
    const analyze = new Queue(QUEUES.analyze, { connection: stack.ns.redis, prefix });
    expect((await stt.getJob(`${view.id}-stt`))?.data).toEqual({ recordingId: view.id, userId, byokRef: ref });
    expect((await analyze.getJob(`${view.id}-analyze`))?.data).toEqual({ recordingId: view.id, userId, byokRef: ref });
    await stt.close();
    await analyze.close();
  });

  it("checks the type by magic bytes, not by name", async () => {
    const { cookie } = await stack.signIn("rec-type@example.com");
    const res = await upload(cookie, form({ file: new Blob(["just text, named like audio"]) }, "song.mp3"));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/not an audio file we support/);
  });

  it("refuses more than 25 MB with PAYLOAD_TOO_LARGE", async () => {
    const { cookie } = await stack.signIn("rec-big@example.com");
    const res = await upload(cookie, form({ file: new Blob([wav("big", 25 * 1024 * 1024 + 1)]) }));
    expect(res.status).toBe(413);
    expect(errorOf(res)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 25 MB." });
  });

  it("refuses a missing file, an unknown field, an empty file and a JSON body with clear 4xx errors", async () => {
    const { cookie } = await stack.signIn("rec-bad@example.com");
    const noFile = await upload(cookie, form({ byokRef: "" }));
    expect(noFile.status).toBe(400);
    expect(errorOf(noFile).message).toMatch(/`file` field/);
    const extra = await upload(cookie, form({ file: new Blob([wav("x")]), apiKey: "nope" }));
    expect(errorOf(extra).message).toMatch(/Unexpected field/);
    const empty = await upload(cookie, form({ file: new Blob([]) }));
    expect(errorOf(empty).message).toBe("The file is empty.");
    const json = keep(await stack.mutation("recordings.create", { cookie, input: { file: "x" } }));
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
  });

  it("accepts only a reference the same user owns", async () => {
    const alice = await stack.signIn("rec-alice@example.com");
    const bob = await stack.signIn("rec-bob@example.com");
    const aliceRef = await cacheKeys(alice.cookie, { openai: minted.mint("openai", "valid", "alice") });
    const stolen = await upload(bob.cookie, form({ file: new Blob([wav("b")]), byokRef: aliceRef }));
    expect(stolen.status).toBe(400);
    expect(errorOf(stolen).message).toMatch(/not found or have expired/);
    const malformed = await upload(bob.cookie, form({ file: new Blob([wav("b")]), byokRef: "short" }));
    expect(errorOf(malformed).message).toBe("byokRef is not a BYOK reference.");
    expect((await stack.mutation("recordings.create", { body: form({ file: new Blob([wav("b")]) }), contentType: null })).status).toBe(401);
  });
});

describe("recordings.list and get", () => {
  it("lists and returns only the caller's recordings", async () => {
    const a = await stack.signIn("rec-list-a@example.com");
    const b = await stack.signIn("rec-list-b@example.com");
    const created = dataOf<{ id: string }>(await upload(a.cookie, form({ file: new Blob([wav("list")]) })));
    const listA = dataOf<{ id: string }[]>(keep(await stack.query("recordings.list", { cookie: a.cookie })));
    expect(listA.map((r) => r.id)).toEqual([created.id]);
    expect(dataOf<unknown[]>(await stack.query("recordings.list", { cookie: b.cookie }))).toEqual([]);

    const got = keep(await stack.query("recordings.get", { cookie: a.cookie, input: { id: created.id } }));
    expect(dataOf<{ id: string; stages: { stt: { status: string } } }>(got)).toMatchObject({ id: created.id, stages: { stt: { status: "pending" } } });
    const other = await stack.query("recordings.get", { cookie: b.cookie, input: { id: created.id } });
    expect(other.status).toBe(404);
    expect(errorOf(other)).toMatchObject({ code: "NOT_FOUND", message: "No such recording." });
    const bad = await stack.query("recordings.get", { cookie: a.cookie, input: { id: "../x" } });
    expect(bad.status).toBe(400);
  });
});

describe("end to end with a worker process", { timeout: 120_000 }, () => {
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker?.on("exit", r));
      worker.kill("SIGTERM");
      await exited;
    }
  });

  it("an upload is transcribed and analysed with the user's key, and the reference is cleared", async () => {
    const { cookie } = await stack.signIn("rec-e2e@example.com", "pro");
    const key = minted.mint("openai", "valid", "e2e");
    const ref = await cacheKeys(cookie, { openai: key });
    const lines: string[] = [];
    worker = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
      cwd: WORKER_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WORKER_NAME: "web-e2e", WORKER_CONCURRENCY: "2" },
    });
    worker.stdout?.on("data", (c: Buffer) => lines.push(c.toString()));
    worker.stderr?.on("data", (c: Buffer) => lines.push(c.toString()));

    const created = dataOf<{ id: string }>(await upload(cookie, form({ file: new Blob([wav("e2e")]), byokRef: ref })));
    type View = { status: string; transcript: string | null; analysis: { summary: string } | null; stages: Record<string, { attribution: unknown }> };
    let view: View | undefined;
    for (let i = 0; i < 2_000; i++) {
      view = dataOf<View>(keep(await stack.query("recordings.get", { cookie, input: { id: created.id } })));
      if (view.status === "completed" || view.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(view?.status).toBe("completed");
    expect(view?.transcript).toContain(`Transcript of ${created.id}.wav`);
    expect(view?.stages.stt?.attribution).toMatchObject({ provider: "openai", keySource: "byok", fallbackReason: null });
    expect(view?.stages.analysis?.attribution).toMatchObject({ provider: "openai", model: "gpt-4.1", tier: 2, keySource: "byok" });
    expect(stack.emulator.calls({ keyFingerprint: keyFingerprint(key) }).map((c) => c.endpoint).sort()).toEqual(["audio/transcriptions", "chat/completions"]);
    // The pipeline ended, so its reference is gone (deleted right after the final state is saved).
    await expect.poll(async () => (await stack.query("user.byokStatus", { cookie, input: { ref } })).status).toBe(404);
    // Nothing the server or the worker said, and nothing a response carried, holds a key.
    expect(minted.foundIn([...seen, ...stack.logs, ...lines].join("\n"))).toEqual([]);
  });
});
