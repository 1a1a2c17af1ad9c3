import { createTRPCRouter, registerProcedurePaths, type ProcedureMeta } from "~/lib/trpc/trpc";
import { recordingsRouter } from "~/lib/trpc/routers/recordings";
import { userRouter } from "~/lib/trpc/routers/user";
import { usageRouter } from "~/lib/trpc/routers/usage";

export const appRouter = createTRPCRouter({
  user: userRouter,
  recordings: recordingsRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;
registerProcedurePaths(Object.keys(procedures));

/** Procedures that read X-BYOK-Key: the server refuses them in a batch. */
export const BYOK_PROCEDURES: ReadonlySet<string> = new Set(
  Object.entries(procedures)
    .filter(([, procedure]) => procedure._def.meta?.byok === true)
    .map(([path]) => path),
);
