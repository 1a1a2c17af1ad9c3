import { AccountNotFoundError } from "@byok/db";
import { planSchema } from "@byok/types";
import { z } from "zod";
import { getServices } from "~/lib/server/services";
import { requestIdFrom } from "~/lib/server/request-id";
import { readBoundedBody } from "~/lib/trpc/bounded-body";
import { SIGNATURE_HEADER, verifyBillingSignature } from "~/lib/billing/webhook-signature";

const BODY_LIMIT_BYTES = 16 * 1024;

const eventSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
    type: z.literal("plan.changed"),
    email: z.string().trim().toLowerCase().email().max(254),
    plan: planSchema,
  })
  .strict();

function answer(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ code, message, ...extra }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * POST /api/billing/webhook: the one way besides `pnpm admin plan set` that a plan changes. The
 * payment provider signs the raw body with BILLING_WEBHOOK_SECRET (HMAC-SHA256, with a timestamp
 * inside the signature); a delivery outside five minutes is refused, and each event id is applied
 * once, so retries and replays change nothing.
 */
export async function handleBillingWebhook(req: Request): Promise<Response> {
  const { env, accounts, logger } = getServices();
  const log = logger.child({ requestId: requestIdFrom(req.headers), path: "billing.webhook" });
  if (!env.BILLING_WEBHOOK_SECRET) return answer(404, "NOT_FOUND", "Not found.");
  const bytes = await readBoundedBody(req, BODY_LIMIT_BYTES);
  if (!bytes) return answer(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
  const body = new TextDecoder().decode(bytes);
  const verdict = verifyBillingSignature(
    env.BILLING_WEBHOOK_SECRET,
    body,
    req.headers.get(SIGNATURE_HEADER),
    Math.floor(Date.now() / 1000),
  );
  if (!verdict.ok) {
    log.warn({ reason: verdict.reason }, "billing webhook refused");
    return answer(401, "UNAUTHORIZED", "The signature is missing, stale or wrong.");
  }
  let event: z.infer<typeof eventSchema>;
  try {
    const parsed = eventSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return answer(400, "BAD_REQUEST", "The event is not a plan change we understand.");
    event = parsed.data;
  } catch {
    return answer(400, "BAD_REQUEST", "The request body is not valid JSON.");
  }
  try {
    const { applied, account } = await accounts.applyBillingEvent({
      eventId: event.id,
      email: event.email,
      plan: event.plan,
    });
    log.info({ eventId: event.id, userId: account.id, plan: event.plan, applied }, "billing event");
    return answer(200, "OK", applied ? "Applied." : "Already applied.", { applied });
  } catch (err) {
    if (err instanceof AccountNotFoundError) return answer(404, "NOT_FOUND", "No account for that e-mail.");
    throw err;
  }
}
