import { z } from "zod";
import { PROVIDERS, providerSchema } from "@byok/types";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const resetKeyHealthInput = z
  .object({
    providers: z
      .array(providerSchema)
      .min(1)
      .max(PROVIDERS.length)
      .refine((list) => new Set(list).size === list.length, "each provider at most once"),
  })
  .strict();

/** The vault saved, replaced or deleted these keys: what was known about the old ones is forgotten. Returns the health left. */
export const resetKeyHealth = protectedProcedure.input(resetKeyHealthInput).mutation(async ({ ctx, input }) => {
  await ctx.services.keyHealth.reset(ctx.session.userId, input.providers);
  ctx.log.info({ providers: input.providers }, "key health reset");
  return ctx.services.keyHealth.list(ctx.session.userId);
});
