import { headers } from "next/headers";
import { requireSession } from "~/lib/session/server-session";
import { safeReturnPath } from "~/lib/auth/safe-return-path";
import type { Session } from "~/lib/session/session";

/** For layouts, which do not know their URL: the proxy passes it in `x-pathname`. */
export async function requireSessionForCurrentPath(fallback: string): Promise<Session> {
  const path = safeReturnPath((await headers()).get("x-pathname"), fallback);
  return requireSession(path);
}
