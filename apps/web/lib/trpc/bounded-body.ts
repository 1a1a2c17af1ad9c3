import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

/** JSON calls are small; only uploads may be large. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads at most `limit` bytes of the body and stops reading past it, so a body with no (or a false)
 * Content-Length, e.g. a chunked upload, cannot make the server buffer more than the limit.
 * Returns null when the body is larger than the limit.
 */
export async function readBoundedBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The same body the error formatter gives a tRPC error, for a refusal made before tRPC runs. The
 * connection closes with it: the rest of the body is not read.
 */
export function payloadTooLarge(path: string, message: string): Response {
  const body = {
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, ...(path ? { path } : {}) },
    },
  };
  return new Response(JSON.stringify(body), {
    status: 413,
    headers: { "content-type": "application/json", connection: "close" },
  });
}
