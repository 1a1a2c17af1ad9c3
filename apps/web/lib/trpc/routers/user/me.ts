import { TRPCError } from "@trpc/server";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const me = protectedProcedure.query(async ({ ctx }) => {
  const account = await ctx.services.accounts.get(ctx.session.userId);
  if (!account) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your account was not found. Sign in again." });
  return {
    id: account.id,
    email: account.email,
    plan: account.plan,
    policy: account.policy,
    providerOrder: account.providerOrder,
  };
});
