import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
beforeAll(async () => {
  stack = await startServerStack();
});
afterAll(() => stack.close());

/** A body of `total` bytes sent in 64 KiB chunks with no Content-Length (chunked transfer). */
function chunked(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(64 * 1024, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
}

async function post(path: string, cookie: string, body: ReadableStream<Uint8Array>, contentType: string) {
  const res = await fetch(`${stack.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { cookie, origin: stack.url, "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown };
}

describe("request body limits", () => {
  it("refuses a JSON call body over 1 MiB before tRPC parses it", async () => {
    const { cookie } = await stack.signIn("body-json@example.com");
    const res = await post("user.setByokPolicy", cookie, chunked(2 * 1024 * 1024), "application/json");
    expect(res.status).toBe(413);
    expect(errorOf(res)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The request body is too large." });
  });

  it("still serves a small JSON call whose body arrives chunked", async () => {
    const { cookie } = await stack.signIn("body-small@example.com");
    const body = new TextEncoder().encode(JSON.stringify({ policy: "byok_only" }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body.subarray(0, 5));
        controller.enqueue(body.subarray(5));
        controller.close();
      },
    });
    const res = await post("user.setByokPolicy", cookie, stream, "application/json");
    expect(res.status).toBe(200);
  });

  it("answers a procedure path with a malformed escape as a client error, not a 500", async () => {
    const { cookie } = await stack.signIn("body-escape@example.com");
    const res = await post("user.setByokPolicy%E0", cookie, chunked(16), "application/json");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain("URIError");
  });
});
