import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getServices } from "~/lib/server/services";
import { JSON_BODY_LIMIT_BYTES, payloadTooLarge, readBoundedBody } from "~/lib/trpc/bounded-body";
import { appRouter } from "~/lib/trpc/root";
import { createTRPCContext } from "~/lib/trpc/trpc";

export const TRPC_ENDPOINT = "/api/trpc";

/** tRPC answers a malformed escape with a 400; here it must not throw (a 500) before tRPC sees it. */
function procedurePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Caps the body before tRPC parses it: tRPC would otherwise read a JSON body of any size into
 * memory. Uploads do not come this way (app/api/recordings streams them to disk).
 */
async function withBoundedBody(req: Request): Promise<Request | Response> {
  if (req.method !== "POST" || !req.body) return req;
  const path = procedurePath(new URL(req.url).pathname.slice(TRPC_ENDPOINT.length + 1));
  const message = "The request body is too large.";
  if (Number(req.headers.get("content-length") ?? 0) > JSON_BODY_LIMIT_BYTES) return payloadTooLarge(path, message);
  const body = await readBoundedBody(req, JSON_BODY_LIMIT_BYTES);
  if (!body) return payloadTooLarge(path, message);
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

export async function handleTrpcRequest(incoming: Request): Promise<Response> {
  const req = await withBoundedBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: ({ req, resHeaders }) => createTRPCContext({ req, resHeaders, services: getServices() }),
    // Answers carry transcripts, analyses and account data: no cache may keep them.
    responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
    onError({ error, path, type, ctx }) {
      // Code and path only: the error's cause may be an SDK error, and inputs may be BYOK calls.
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      if (!ctx) {
        console.error(`trpc: no request context (${error.cause?.name ?? "unknown error"})`);
        return;
      }
      ctx.log.error({ path, type, code: error.code, cause: error.cause?.name }, "trpc internal error");
    },
  });
}
