import { z } from "zod";
import { PROVIDERS, providerSchema } from "@byok/types";
import { byokProcedure } from "~/lib/trpc/trpc";
import { keysForExactly } from "~/lib/trpc/routers/user/byok-keys-in-header";

export const cacheByokKeysInput = z
  .object({
    providers: z
      .array(providerSchema)
      .min(1)
      .max(PROVIDERS.length)
      .refine((list) => new Set(list).size === list.length, "each provider at most once"),
  })
  .strict();

export const cacheByokKeys = byokProcedure.input(cacheByokKeysInput).mutation(async ({ ctx, input }) => {
  const keys = keysForExactly(ctx.byok, input.providers);
  await ctx.services.byokLimits.cacheKeys(ctx.session.userId);
  const entry = await ctx.services.byokCache.put(ctx.session.userId, keys);
  ctx.log.info({ providers: entry.providers }, "byok keys cached");
  return { ref: entry.ref, expiresAt: entry.expiresAt, providers: entry.providers };
});
