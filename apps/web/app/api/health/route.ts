import { checkHealth } from "@byok/pipeline";
import { getServices } from "~/lib/server/services";

export const dynamic = "force-dynamic";

/** For orchestrators and operators: 200 when PostgreSQL and Redis answer; no user data, no secrets. */
export async function GET(): Promise<Response> {
  const { database, redis } = getServices();
  const report = await checkHealth({ pool: database.pool, redis });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
