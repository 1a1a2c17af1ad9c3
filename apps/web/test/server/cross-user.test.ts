import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeByokHeader } from "@byok/byok-header";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, startServerStack, type CallResult, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
let dir: string;
const minted = new MintedKeys();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "web-cross-user-"));
  stack = await startServerStack({ env: { RECORDINGS_DIR: dir } });
});
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

function wav(): Blob {
  const out = new Uint8Array(64);
  out.set([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69], 0);
  return new Blob([out]);
}

async function upload(cookie: string, byokRef?: string): Promise<CallResult> {
  const form = new FormData();
  if (byokRef) form.append("byokRef", byokRef);
  form.append("file", wav(), "alice-private-meeting.wav");
  const res = await fetch(`${stack.url}/api/recordings`, {
    method: "POST",
    headers: { origin: stack.url, cookie },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown };
}

it("two real accounts: every procedure and the upload route, given the other user's ids and references, answers 404 or 403 and leaks nothing", async () => {
  const alice = await stack.signIn("alice-cross@example.com", "business");
  const bob = await stack.signIn("bob-cross@example.com", "free");
  const aliceKey = minted.mint("openai", "valid", "alice");
  const { ref: aliceRef } = dataOf<{ ref: string }>(
    await stack.mutation("user.cacheByokKeys", {
      cookie: alice.cookie,
      input: { providers: ["openai"] },
      byokHeader: encodeByokHeader({ openai: aliceKey }),
    }),
  );
  const created = await upload(alice.cookie, aliceRef);
  expect(created.status).toBe(201);
  const aliceRecording = (created.json as { recording: { id: string } }).recording.id;

  const bobKey = minted.mint("openai", "valid", "bob");
  const attempts: [string, Promise<CallResult>][] = [
    ["recordings.get", stack.query("recordings.get", { cookie: bob.cookie, input: { id: aliceRecording } })],
    ["recordings.delete", stack.mutation("recordings.delete", { cookie: bob.cookie, input: { id: aliceRecording } })],
    ["user.byokStatus", stack.mutation("user.byokStatus", { cookie: bob.cookie, input: { ref: aliceRef } })],
    ["user.clearByokKeys", stack.mutation("user.clearByokKeys", { cookie: bob.cookie, input: { ref: aliceRef } })],
    ["upload with her reference", upload(bob.cookie, aliceRef)],
  ];
  const secrets = [
    aliceRecording,
    aliceRef,
    aliceKey,
    "alice-cross@example.com",
    "alice-private-meeting",
    alice.userId,
  ];
  for (const [name, pending] of attempts) {
    const res = await pending;
    expect([403, 404], name).toContain(res.status);
    for (const secret of secrets) expect(res.text, `${name} leaks ${secret}`).not.toContain(secret);
  }

  // What Bob may call on his own account shows nothing of hers either.
  const own: [string, Promise<CallResult>][] = [
    ["recordings.list", stack.query("recordings.list", { cookie: bob.cookie })],
    ["user.me", stack.query("user.me", { cookie: bob.cookie })],
    [
      "user.setByokPolicy",
      stack.mutation("user.setByokPolicy", { cookie: bob.cookie, input: { policy: "byok_only" } }),
    ],
    ["user.ping", stack.mutation("user.ping", { cookie: bob.cookie })],
    [
      "user.testByokKey",
      stack.mutation("user.testByokKey", {
        cookie: bob.cookie,
        input: { provider: "openai" },
        byokHeader: encodeByokHeader({ openai: bobKey }),
      }),
    ],
    [
      "user.cacheByokKeys",
      stack.mutation("user.cacheByokKeys", {
        cookie: bob.cookie,
        input: { providers: ["openai"] },
        byokHeader: encodeByokHeader({ openai: bobKey }),
      }),
    ],
  ];
  for (const [name, pending] of own) {
    const res = await pending;
    expect(res.status, name).toBe(200);
    for (const secret of secrets) expect(res.text, `${name} leaks ${secret}`).not.toContain(secret);
  }
  expect(dataOf<unknown[]>(await stack.query("recordings.list", { cookie: bob.cookie }))).toEqual([]);

  // Hers is untouched.
  expect((await stack.query("recordings.get", { cookie: alice.cookie, input: { id: aliceRecording } })).status).toBe(
    200,
  );
  expect((await stack.mutation("user.byokStatus", { cookie: alice.cookie, input: { ref: aliceRef } })).status).toBe(
    200,
  );
  expect(
    dataOf<{ policy: string; plan: string }>(await stack.query("user.me", { cookie: alice.cookie })),
  ).toMatchObject({ policy: "fallback", plan: "business" });
  expect(minted.foundIn(stack.logs.join("\n"))).toEqual([]);
});
