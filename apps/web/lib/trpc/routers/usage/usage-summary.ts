import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import { summarizeUsage } from "~/lib/usage/usage-summary";

export const usageSummaryInput = z.object({ months: z.number().int().min(1).max(24).default(12) }).strict();

/** The caller's calls and estimated cost per UTC month, and the dates of the price tables behind the estimates. */
export const usageSummary = protectedProcedure
  .input(usageSummaryInput)
  .query(({ ctx, input }) => summarizeUsage(ctx.services.usage, ctx.session.userId, input.months));
