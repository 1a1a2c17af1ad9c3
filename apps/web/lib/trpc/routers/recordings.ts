import { createTRPCRouter } from "../trpc";

// Placeholder until the pipeline engineer lands the recordings router here.
export const recordingsRouter = createTRPCRouter({});
