import { httpBatchLink, httpLink, splitLink, type Operation, type TRPCLink } from "@trpc/client";
import { BYOK_HEADER } from "@byok/types";
import type { AppRouter } from "~/lib/trpc/root";

export interface LinkOptions {
  url: string;
  fetch?: typeof globalThis.fetch;
}

/** A call goes unbatched when it carries keys: they never share a request with other calls. */
export function needsOwnRequest(op: Pick<Operation, "context">): boolean {
  return typeof op.context.byokHeader === "string";
}

export function createLinks({ url, fetch }: LinkOptions): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: needsOwnRequest,
      true: httpLink({
        url,
        ...(fetch ? { fetch } : {}),
        headers: ({ op }) => {
          const value = op.context.byokHeader;
          return typeof value === "string" ? { [BYOK_HEADER]: value } : {};
        },
      }),
      // The server refuses larger batches (lib/trpc/handler.ts, MAX_BATCH_SIZE).
      false: httpBatchLink({ url, maxItems: 10, ...(fetch ? { fetch } : {}) }),
    }),
  ];
}
