import { z } from "zod";
import { checkKey, type KeyLimit } from "@byok/providers";
import { providerSchema, type FailureAction, type FailureReason } from "@byok/types";
import { byokProcedure } from "~/lib/trpc/trpc";
import { keysForExactly } from "~/lib/trpc/routers/user/byok-keys-in-header";

const BAD_REQUEST_MESSAGE = "The provider refused the check request itself; the key was not judged.";

function retryAtOf(action: FailureAction): number | null {
  return action.kind === "wait_until" ? (action.until ?? null) : null;
}

export const testByokKeyInput = z.object({ provider: providerSchema }).strict();

export type TestByokKeyResult =
  | { ok: true; cannot?: KeyLimit[] }
  | { ok: false; reason: FailureReason | "bad_request"; message: string; action: FailureAction };

export const testByokKey = byokProcedure
  .input(testByokKeyInput)
  .mutation(async ({ ctx, input }): Promise<TestByokKeyResult> => {
    const keys = keysForExactly(ctx.byok, [input.provider]);
    const apiKey = keys[input.provider] as string;
    await ctx.services.byokLimits.keyCheck(ctx.session.userId, ctx.clientIp);
    // The key in this request left the vault just now: a reset before this moment was for an older key.
    const keysFrom = new Date();
    const result = await checkKey({
      provider: input.provider,
      apiKey,
      baseUrl: ctx.services.providerBaseUrls[input.provider],
      timeoutMs: ctx.services.env.BYOK_CHECK_TIMEOUT_MS,
    });
    const outcome = result.ok ? "ok" : result.reason;
    if (outcome !== "bad_request") {
      // The key's lasting health: the outcome and time, nothing of the key (docs/billing.md, "Key health").
      await ctx.services.keyHealth.record({
        userId: ctx.session.userId,
        source: "key_test",
        keysFrom,
        observedAt: new Date(),
        outcomes: [{ provider: input.provider, outcome, retryAt: result.ok ? null : retryAtOf(result.action) }],
      });
    }
    if (result.ok) {
      ctx.log.info({ provider: input.provider, ok: true, cannot: result.cannot ?? [] }, "byok key checked");
      return result.cannot ? { ok: true, cannot: result.cannot } : { ok: true };
    }
    ctx.log.info({ provider: input.provider, ok: false, reason: result.reason }, "byok key checked");
    // checkKey's message is already ours, never the provider's (which may quote part of the key);
    // only the bad-request wording is this procedure's own.
    return {
      ok: false,
      reason: result.reason,
      message: result.reason === "bad_request" ? BAD_REQUEST_MESSAGE : result.message,
      action: result.action,
    };
  });
