import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getServices } from "~/lib/server/services";
import { JSON_BODY_LIMIT_BYTES, payloadTooLarge, readBoundedBody } from "~/lib/trpc/bounded-body";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { BYOK_HEADER } from "@byok/types";
import { BYOK_PROCEDURES, appRouter } from "~/lib/trpc/root";
import { createTRPCContext } from "~/lib/trpc/trpc";

export const TRPC_ENDPOINT = "/api/trpc";
/** The client's batch link sends at most this many calls per request (lib/trpc/links.ts). */
export const MAX_BATCH_SIZE = 10;

function badRequest(message: string): Response {
  const body = {
    error: { message, code: TRPC_ERROR_CODES_BY_KEY.BAD_REQUEST, data: { code: "BAD_REQUEST", httpStatus: 400 } },
  };
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** null for a malformed %-escape: answered with a 400 here, never a 500. */
function procedurePaths(req: Request): string[] | null {
  try {
    return decodeURIComponent(new URL(req.url).pathname.slice(TRPC_ENDPOINT.length + 1)).split(",");
  } catch {
    return null;
  }
}

/**
 * A batch may not carry keys: BYOK procedures and the X-BYOK-Key header travel alone, whatever
 * the client's link does. And a batch has a size, so one request cannot be 500 mutations.
 */
function refuseBatch(req: Request, paths: string[]): Response | null {
  if (new URL(req.url).searchParams.get("batch") !== "1") return null;
  if (paths.length > MAX_BATCH_SIZE) return badRequest(`A batch holds at most ${MAX_BATCH_SIZE} calls.`);
  if (req.headers.has(BYOK_HEADER) || paths.some((p) => BYOK_PROCEDURES.has(p))) {
    return badRequest("Calls that carry keys must be sent on their own, not in a batch.");
  }
  return null;
}

function knownPath(paths: string[]): string {
  return paths.length === 1 && BYOK_PROCEDURES.has(paths[0]!) ? paths[0]! : "";
}

/**
 * Caps the body before tRPC parses it: tRPC would otherwise read a JSON body of any size into
 * memory. Uploads do not come this way (app/api/recordings streams them to disk).
 */
async function withBoundedBody(req: Request, paths: string[]): Promise<Request | Response> {
  if (req.method !== "POST" || !req.body) return req;
  const path = knownPath(paths);
  const message = "The request body is too large.";
  if (Number(req.headers.get("content-length") ?? 0) > JSON_BODY_LIMIT_BYTES) return payloadTooLarge(path, message);
  const body = await readBoundedBody(req, JSON_BODY_LIMIT_BYTES);
  if (!body) return payloadTooLarge(path, message);
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

export async function handleTrpcRequest(incoming: Request): Promise<Response> {
  const paths = procedurePaths(incoming);
  if (!paths) return badRequest("The request path is not valid.");
  const refused = refuseBatch(incoming, paths);
  if (refused) return refused;
  const req = await withBoundedBody(incoming, paths);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
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
