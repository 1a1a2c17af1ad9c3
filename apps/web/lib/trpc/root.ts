import { createTRPCRouter } from "~/lib/trpc/trpc";
import { recordingsRouter } from "~/lib/trpc/routers/recordings";
import { userRouter } from "~/lib/trpc/routers/user";

export const appRouter = createTRPCRouter({
  user: userRouter,
  recordings: recordingsRouter,
});

export type AppRouter = typeof appRouter;
