import { createTRPCRouter } from "~/lib/trpc/trpc";
import { usageSummary } from "~/lib/trpc/routers/usage/usage-summary";

// The CSV export is not a procedure: it streams from app/api/usage.csv/route.ts.
export const usageRouter = createTRPCRouter({
  summary: usageSummary,
});
