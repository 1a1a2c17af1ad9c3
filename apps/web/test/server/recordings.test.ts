import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeByokHeader } from "@byok/byok-header";
import { dumpDatabase } from "@byok/db/testing";
import { QUEUES, bullPrefix, runJobIds } from "@byok/pipeline";
import { keyFingerprint } from "@byok/provider-emulator";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MintedKeys } from "~/test/server/leak-check";
import { type CallResult, dataOf, errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../worker");

let stack: ServerStack;
let dir: string;
const minted = new MintedKeys();
const seen: string[] = [];

function wav(tag: string, size?: number): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode(tag);
  const out = new Uint8Array(new ArrayBuffer(size ?? 44 + body.length));
  out.set([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69], 0);
  out.set(body.subarray(0, Math.max(0, out.length - 44)), 44);
  return out;
}

function form(fields: [string, string | Blob][], fileName = "talk.wav"): FormData {
  const f = new FormData();
  for (const [k, v] of fields) {
    if (v instanceof Blob) f.append(k, v, fileName);
    else f.append(k, v);
  }
  return f;
}

interface UploadResult extends CallResult {
  recording?: { id: string; status: string; fileName: string; audioType: string };
}

async function upload(
  cookie: string | undefined,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<UploadResult> {
  const res = await fetch(`${stack.url}/api/recordings`, {
    method: "POST",
    headers: { origin: stack.url, ...(cookie ? { cookie } : {}), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await res.text();
  seen.push(text);
  const json = JSON.parse(text) as { recording?: UploadResult["recording"] };
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    ...(json.recording ? { recording: json.recording } : {}),
  };
}

const message = (r: CallResult) => (r.json as { error: { message: string; data: { code: string } } }).error;

async function cacheKeys(cookie: string, keys: Record<string, string>): Promise<string> {
  const res = await stack.mutation("user.cacheByokKeys", {
    cookie,
    input: { providers: Object.keys(keys) },
    byokHeader: encodeByokHeader(keys),
  });
  seen.push(res.text);
  return dataOf<{ ref: string }>(res).ref;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "web-recordings-"));
  stack = await startServerStack({
    env: {
      RECORDINGS_DIR: dir,
      OPENAI_API_KEY: minted.mint("openai", "valid", "server"),
      UPLOAD_IDLE_TIMEOUT_MS: "1500",
    },
  });
});

afterAll(async () => {
  if (stack) {
    // PostgreSQL holds recordings and their references, never a key.
    const database = await dumpDatabase(stack.pg.url);
    expect(database).toContain("COPY public.recordings");
    expect(minted.foundIn(database)).toEqual([]);
  }
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("POST /api/recordings", { timeout: 60_000 }, () => {
  it("streams the upload under a generated name, stores the recording and queues its run with ids only", async () => {
    const { userId, cookie } = await stack.signIn("rec-create@example.com", "start");
    const ref = await cacheKeys(cookie, { openai: minted.mint("openai", "valid", "create") });
    const res = await upload(
      cookie,
      form(
        [
          ["byokRef", ref],
          ["file", new Blob([wav("hello")])],
        ],
        "../../evil name.wav",
      ),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.recording).toMatchObject({ status: "queued", fileName: "evil name.wav", audioType: "wav" });
    expect(res.recording).not.toHaveProperty("storedPath");
    expect(res.recording).not.toHaveProperty("byokRef");
    const id = res.recording!.id;
    expect(await readdir(dir)).toContain(`${id}.wav`);
    const row = await stack.pg.pool.query("select user_id, byok_ref, dispatched_at from recordings where id = $1", [
      id,
    ]);
    expect(row.rows[0]).toMatchObject({ user_id: userId, byok_ref: ref });
    expect(row.rows[0].dispatched_at).not.toBeNull();

    const prefix = bullPrefix(stack.ns.prefix);
    const stt = new Queue(QUEUES.stt, { connection: stack.ns.redis, prefix });
    const analyze = new Queue(QUEUES.analyze, { connection: stack.ns.redis, prefix });
    const ids = runJobIds({ recordingId: id, run: 1 });
    expect((await stt.getJob(ids.stt))?.data).toEqual({ recordingId: id, userId, run: 1, byokRef: ref });
    expect((await analyze.getJob(ids.analyze))?.data).toEqual({ recordingId: id, userId, run: 1, byokRef: ref });
    await stt.close();
    await analyze.close();
  });

  it("takes a 24 MB file, streamed", async () => {
    const { cookie } = await stack.signIn("rec-24mb@example.com");
    const res = await upload(cookie, form([["file", new Blob([wav("big", 24 * 1024 * 1024)])]]));
    expect(res.status).toBe(201);
    expect((await readdir(dir)).includes(`${res.recording!.id}.wav`)).toBe(true);
  });

  it("answers 413 for 25 MB + 1, announced or not, and keeps no file", async () => {
    const { cookie } = await stack.signIn("rec-big@example.com");
    const before = await readdir(dir);
    const big = form([["file", new Blob([wav("big", 25 * 1024 * 1024 + 1)])]]);
    const announced = await upload(cookie, big);
    expect(announced.status).toBe(413);
    expect(message(announced)).toMatchObject({
      message: "The file is larger than 25 MB.",
      data: { code: "PAYLOAD_TOO_LARGE" },
    });

    // Chunked, with no Content-Length: cut off when the stream crosses the limit.
    const encoded = new Response(big);
    const stream = encoded.body!;
    const chunked = await upload(cookie, stream as unknown as BodyInit, {
      "content-type": encoded.headers.get("content-type")!,
    });
    expect(chunked.status).toBe(413);
    expect(await readdir(dir)).toEqual(before);
  });

  it.each([
    ["mp3", [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]],
    ["m4a", [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20, 0, 0, 0, 0]],
    ["webm", [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]],
    ["ogg", [0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0]],
    ["flac", [0x66, 0x4c, 0x61, 0x43, 0, 0, 0, 0x22]],
  ])("takes %s by its magic bytes", async (type, head) => {
    const { cookie } = await stack.signIn(`rec-${type}@example.com`);
    const res = await upload(cookie, form([["file", new Blob([new Uint8Array([...head, 1, 2, 3])])]], `clip.${type}`));
    expect(res.status).toBe(201);
    expect(res.recording?.audioType).toBe(type);
    expect(await readdir(dir)).toContain(`${res.recording!.id}.${type}`);
  });

  it("checks the type by magic bytes, not by name", async () => {
    const { cookie } = await stack.signIn("rec-type@example.com");
    const res = await upload(cookie, form([["file", new Blob(["just text, named like audio"])]], "song.mp3"));
    expect(res.status).toBe(400);
    expect(message(res).message).toMatch(/not an audio file we support/);
  });

  it("refuses a missing file, an unknown field, an empty file and a JSON body with clear 4xx errors, echoing nothing", async () => {
    const { cookie } = await stack.signIn("rec-bad@example.com");
    const before = await readdir(dir);
    const noFile = await upload(cookie, form([["byokRef", ""]]));
    expect(noFile.status).toBe(400);
    expect(message(noFile).message).toMatch(/`file` field/);
    const extra = await upload(
      cookie,
      form([
        ["file", new Blob([wav("x")])],
        ["apiKey_field_name_x", "nope"],
      ]),
    );
    expect(extra.status).toBe(400);
    expect(extra.text).not.toContain("apiKey_field_name_x");
    const empty = await upload(cookie, form([["file", new Blob([])]]));
    expect(message(empty).message).toBe("The file is empty.");
    const json = await upload(cookie, JSON.stringify({ file: "x" }), { "content-type": "application/json" });
    expect(json.status).toBe(415);
    const garbage = await upload(cookie, "--x\r\nnonsense", { "content-type": "multipart/form-data; boundary=x" });
    expect(garbage.status).toBe(400);
    expect(await readdir(dir)).toEqual(before);
  });

  it("accepts only a reference the same user owns, and only from a signed-in, same-origin page", async () => {
    const alice = await stack.signIn("rec-alice@example.com");
    const bob = await stack.signIn("rec-bob@example.com");
    const aliceRef = await cacheKeys(alice.cookie, { openai: minted.mint("openai", "valid", "alice") });
    const stolen = await upload(
      bob.cookie,
      form([
        ["byokRef", aliceRef],
        ["file", new Blob([wav("b")])],
      ]),
    );
    expect(stolen.status).toBe(404);
    expect(message(stolen).message).toMatch(/not found or have expired/);
    const malformed = await upload(
      bob.cookie,
      form([
        ["byokRef", "short"],
        ["file", new Blob([wav("b")])],
      ]),
    );
    expect(message(malformed).message).toBe("byokRef is not a BYOK reference.");
    expect((await upload(undefined, form([["file", new Blob([wav("b")])]]))).status).toBe(401);
    const crossSite = await upload(bob.cookie, form([["file", new Blob([wav("b")])]]), {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBeGreaterThanOrEqual(400);
    expect(crossSite.status).toBeLessThan(500);
  });

  async function rawUpload(cookie: string, contentLength: number, sent: string) {
    const host = new URL(stack.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(host.port), host.hostname, () => {
        socket.write(
          [
            "POST /api/recordings HTTP/1.1",
            `Host: ${host.host}`,
            `Origin: ${stack.url}`,
            `Cookie: ${cookie}`,
            "Content-Type: multipart/form-data; boundary=x",
            `Content-Length: ${contentLength}`,
            "",
            sent,
          ].join("\r\n"),
        );
      });
      let text = "";
      socket.on("data", (c) => (text += c.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    return { answer, ms: Date.now() - started };
  }

  it("refuses 200 MB announced before a byte of the body is read", async () => {
    const { cookie } = await stack.signIn("rec-announced@example.com");
    const { answer, ms } = await rawUpload(cookie, 200 * 1024 * 1024, "--x\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 413/);
    // Answered and closed at once, not after the server's keep-alive timeout.
    expect(ms).toBeLessThan(3_000);
  });

  it("cuts off a body that is announced but stops arriving, and keeps no file", async () => {
    const { cookie } = await stack.signIn("rec-stuck@example.com");
    const before = await readdir(dir);
    // 1 MB announced, 5 bytes sent: the idle timeout (1.5 s here, 30 s by default) ends it.
    const { answer, ms } = await rawUpload(cookie, 1024 * 1024, "--x\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(4_500);
    expect(await readdir(dir)).toEqual(before);
  });
});

describe("GET /api/health", () => {
  it("reports PostgreSQL and Redis reachability and Redis's eviction policy, uncached", async () => {
    const res = await fetch(`${stack.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({
      ok: true,
      postgres: { ok: true },
      redis: { ok: true, maxmemoryPolicy: expect.any(String) },
    });
  });
});

describe("recordings.list, get and delete", () => {
  it("lists and returns only the caller's recordings, and deletes row, file and jobs", async () => {
    const a = await stack.signIn("rec-list-a@example.com");
    const b = await stack.signIn("rec-list-b@example.com");
    const created = (await upload(a.cookie, form([["file", new Blob([wav("list")])]]))).recording!;
    const listA = dataOf<{ id: string }[]>(await stack.query("recordings.list", { cookie: a.cookie }));
    expect(listA.map((r) => r.id)).toEqual([created.id]);
    expect(dataOf<unknown[]>(await stack.query("recordings.list", { cookie: b.cookie }))).toEqual([]);

    const got = await stack.query("recordings.get", { cookie: a.cookie, input: { id: created.id } });
    expect(got.headers.get("cache-control")).toMatch(/no-store/);
    expect(dataOf<{ id: string; stages: { stt: { status: string } } }>(got)).toMatchObject({
      id: created.id,
      stages: { stt: { status: "pending" } },
    });
    const other = await stack.query("recordings.get", { cookie: b.cookie, input: { id: created.id } });
    expect(other.status).toBe(404);
    expect(errorOf(other)).toMatchObject({ code: "NOT_FOUND", message: "No such recording." });
    expect((await stack.query("recordings.get", { cookie: a.cookie, input: { id: "../x" } })).status).toBe(400);

    // Bob cannot delete Alice's recording; Alice can, and everything of it goes.
    expect((await stack.mutation("recordings.delete", { cookie: b.cookie, input: { id: created.id } })).status).toBe(
      404,
    );
    expect(await readdir(dir)).toContain(`${created.id}.wav`);
    const deleted = await stack.mutation("recordings.delete", { cookie: a.cookie, input: { id: created.id } });
    expect(deleted.status).toBe(200);
    expect(await readdir(dir)).not.toContain(`${created.id}.wav`);
    expect((await stack.query("recordings.get", { cookie: a.cookie, input: { id: created.id } })).status).toBe(404);
    const prefix = bullPrefix(stack.ns.prefix);
    const stt = new Queue(QUEUES.stt, { connection: stack.ns.redis, prefix });
    expect(await stt.getJob(runJobIds({ recordingId: created.id, run: 1 }).stt)).toBeUndefined();
    await stt.close();
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

    const created = (
      await upload(
        cookie,
        form([
          ["byokRef", ref],
          ["file", new Blob([wav("e2e")])],
        ]),
      )
    ).recording!;
    type View = {
      status: string;
      transcript: string | null;
      analysis: { summary: string } | null;
      stages: Record<string, { attribution: unknown }>;
    };
    let view: View | undefined;
    for (let i = 0; i < 2_000; i++) {
      const res = await stack.query("recordings.get", { cookie, input: { id: created.id } });
      seen.push(res.text);
      view = dataOf<View>(res);
      if (view.status === "completed" || view.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(view?.status).toBe("completed");
    expect(view?.transcript).toContain(`Transcript of ${created.id}.wav`);
    expect(view?.stages.stt?.attribution).toMatchObject({
      provider: "openai",
      keySource: "byok",
      fallbackReason: null,
    });
    expect(view?.stages.analysis?.attribution).toMatchObject({
      provider: "openai",
      model: "gpt-4.1",
      tier: 2,
      keySource: "byok",
    });
    expect(
      stack.emulator
        .calls({ keyFingerprint: keyFingerprint(key) })
        .map((c) => c.endpoint)
        .sort(),
    ).toEqual(["audio/transcriptions", "chat/completions"]);
    // The pipeline ended, so its reference is gone (deleted right after the final state is saved).
    await expect
      .poll(async () => (await stack.mutation("user.byokStatus", { cookie, input: { ref } })).status)
      .toBe(404);
    // Nothing the server or the worker said, and nothing a response carried, holds a key.
    expect(minted.foundIn([...seen, ...stack.logs, ...lines].join("\n"))).toEqual([]);
  });
});
