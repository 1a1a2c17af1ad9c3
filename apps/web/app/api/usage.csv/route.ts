import { getServices } from "~/lib/server/services";
import { requestIdFrom } from "~/lib/server/request-id";
import { readSession } from "~/lib/session/session";
import { parseUsageCsvPeriod, periodRange, usageCsvStream } from "~/lib/usage/usage-csv";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

function problem(status: number, code: string, message: string, requestId: string): Response {
  return Response.json(
    { error: { message, data: { code, httpStatus: status, requestId } } },
    { status, headers: { ...NO_STORE, "x-request-id": requestId } },
  );
}

/**
 * GET /api/usage.csv?month=YYYY-MM (or `all`, the default): the signed-in user's provider calls,
 * one row per call, as a download. Only the caller's own rows; nothing in a row comes from a key.
 */
export async function GET(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const services = getServices();
  const session = await readSession(services.auth, req.headers);
  if (!session) return problem(401, "UNAUTHORIZED", "Sign in to download your usage.", requestId);
  const period = parseUsageCsvPeriod(new URL(req.url).searchParams.get("month"));
  if (!period) return problem(400, "BAD_REQUEST", "month must be YYYY-MM or all.", requestId);
  const fileName = `usage-${period.kind === "all" ? "all" : period.month}.csv`;
  services.logger
    .child({ requestId, userId: session.userId })
    .info({ period: period.kind === "all" ? "all" : period.month }, "usage exported");
  return new Response(usageCsvStream(services.usage, session.userId, periodRange(period)), {
    status: 200,
    headers: {
      ...NO_STORE,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "x-request-id": requestId,
    },
  });
}
