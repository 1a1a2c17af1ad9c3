import { initTRPC, TRPCError } from "@trpc/server";
import { decodeByokHeader } from "@byok/byok-header";
import { BYOK_HEADER } from "@byok/types";
import type { Services } from "~/lib/server/services";
import type { Logger } from "~/lib/server/logger";
import { clientIpOf } from "~/lib/server/client-address";
import { requestIdFrom } from "~/lib/server/request-id";
import { readSession } from "~/lib/session/session";
import { checkMutationRequest } from "~/lib/trpc/csrf";
import { mapKnownError, retryAfterOf } from "~/lib/trpc/error-map";

export interface CreateContextOptions {
  req: Request;
  resHeaders: Headers;
  services: Services;
}

/** Everything comes from the Request, so tests drive the handler with plain Requests. */
export async function createTRPCContext({ req, resHeaders, services }: CreateContextOptions) {
  const requestId = requestIdFrom(req.headers);
  resHeaders.set("x-request-id", requestId);
  const session = await readSession(services.auth, req.headers);
  const log: Logger = services.logger.child({ requestId, ...(session ? { userId: session.userId } : {}) });
  return { headers: req.headers, resHeaders, session, requestId, log, services, clientIp: clientIpOf(req.headers) };
}

export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

/** Node's JSON.parse quotes the start of the text it failed on, which could be a pasted key. */
function publicMessage(error: TRPCError, knownPath: boolean): string {
  if (error.code === "INTERNAL_SERVER_ERROR") return "Something went wrong on our side.";
  if (error.code === "PARSE_ERROR" || error.cause instanceof SyntaxError) return "The request body is not valid JSON.";
  // tRPC's own text quotes the path the client asked for.
  if (error.code === "NOT_FOUND" && !knownPath) return "No such procedure.";
  return error.message;
}

/** `byok`: the procedure reads X-BYOK-Key, so it must travel alone (never in a batch). */
export interface ProcedureMeta {
  byok?: boolean;
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx, path }) {
      // No stack, no input, no headers: only what the client needs to react. The path is echoed
      // only when it names one of our procedures, never as the client spelled something else.
      const retryAfterSeconds = retryAfterOf(error);
      const knownPath = path !== undefined && isProcedurePath(path);
      return {
        message: publicMessage(error, knownPath),
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          ...(knownPath ? { path } : {}),
          ...(ctx ? { requestId: ctx.requestId } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        },
      };
    },
  });

export const createTRPCRouter = t.router;

let procedurePaths: ReadonlySet<string> = new Set();
/** root.ts registers the app's procedure paths once the router exists. */
export function registerProcedurePaths(paths: Iterable<string>): void {
  procedurePaths = new Set(paths);
}
export function isProcedurePath(path: string): boolean {
  return procedurePaths.has(path);
}

const mapErrors = t.middleware(async ({ next, ctx }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = mapKnownError(result.error);
  const retryAfter = retryAfterOf(mapped ?? result.error);
  if (retryAfter !== undefined) ctx.resHeaders.set("retry-after", String(retryAfter));
  if (mapped) throw mapped;
  return result;
});

const logCalls = t.middleware(async ({ next, ctx, path, type }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  // Path, type, outcome and time only: inputs and headers never reach a log line.
  if (result.ok) ctx.log.info({ path, type, durationMs }, "trpc call");
  else ctx.log.warn({ path, type, durationMs, code: result.error.code }, "trpc call failed");
  return result;
});

const csrf = t.middleware(({ next, ctx, type }) => {
  if (type !== "mutation") return next();
  const verdict = checkMutationRequest(ctx.headers, "json");
  if (!verdict.ok) throw new TRPCError({ code: "FORBIDDEN", message: verdict.message });
  return next();
});

const rejectByokHeader = t.middleware(({ next, ctx }) => {
  if (ctx.headers.has(BYOK_HEADER)) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "This procedure does not accept the X-BYOK-Key header. Send keys only to the BYOK procedures.",
    });
  }
  return next();
});

const requireSession = t.middleware(({ next, ctx }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { session: ctx.session } });
});

const decodeByok = t.middleware(({ next, ctx }) => {
  const raw = ctx.headers.get(BYOK_HEADER);
  if (raw === null)
    throw new TRPCError({ code: "BAD_REQUEST", message: "This call needs your keys in the X-BYOK-Key header." });
  const decoded = decodeByokHeader(raw);
  if (!decoded.ok) throw decoded.error;
  return next({ ctx: { byok: decoded.keys } });
});

// logCalls outside mapErrors, so a failure is logged with the code the client gets (429, 400, 401)
// rather than the INTERNAL_SERVER_ERROR tRPC gives an untranslated throw.
const baseProcedure = t.procedure.use(logCalls).use(mapErrors).use(csrf);

export const publicProcedure = baseProcedure.use(rejectByokHeader);
export const protectedProcedure = publicProcedure.use(requireSession);
/** The only procedures that read X-BYOK-Key; `ctx.byok` holds the decoded keys. */
export const byokProcedure = baseProcedure.meta({ byok: true }).use(requireSession).use(decodeByok);
