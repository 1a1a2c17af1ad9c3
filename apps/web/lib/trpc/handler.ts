import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getServices } from "../server/services";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

export const TRPC_ENDPOINT = "/api/trpc";

export function handleTrpcRequest(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: ({ req, resHeaders }) => createTRPCContext({ req, resHeaders, services: getServices() }),
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
