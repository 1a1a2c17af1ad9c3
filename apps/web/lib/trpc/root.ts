import { createTRPCRouter } from "./trpc";
import { recordingsRouter } from "./routers/recordings";
import { userRouter } from "./routers/user";

export const appRouter = createTRPCRouter({
  user: userRouter,
  recordings: recordingsRouter,
});

export type AppRouter = typeof appRouter;
