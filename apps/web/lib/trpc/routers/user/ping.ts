import { protectedProcedure } from "~/lib/trpc/trpc";

/** A protected no-op mutation: the baseline the cache benchmark compares against. */
export const ping = protectedProcedure.mutation(() => ({ ok: true as const }));
