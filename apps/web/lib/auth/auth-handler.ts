import { z } from "zod";
import { AUTH_BASE_PATH } from "~/lib/auth/auth";
import { clientIpOf } from "~/lib/server/client-address";
import { RateLimitedError } from "~/lib/server/rate-limit";
import { getServices } from "~/lib/server/services";
import { requestIdFrom } from "~/lib/server/request-id";
import { readBoundedBody } from "~/lib/trpc/bounded-body";

// Sign-in and sign-up bodies are a few hundred bytes; a passkey assertion a few kilobytes.
const AUTH_BODY_LIMIT_BYTES = 64 * 1024;
const emailField = z.object({ email: z.string().trim().toLowerCase().max(254) });

function authError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ code, message }, { status, headers: { "cache-control": "no-store", ...headers } });
}

function isTrustedOrigin(origin: string | null, trusted: readonly string[]): boolean {
  if (!origin) return false;
  try {
    return trusted.includes(new URL(origin).origin);
  } catch {
    return false;
  }
}

function emailOf(body: Uint8Array): string | null {
  try {
    const parsed = emailField.safeParse(JSON.parse(new TextDecoder().decode(body)));
    return parsed.success ? parsed.data.email : null;
  } catch {
    return null;
  }
}

/**
 * better-auth's handler behind our limits: every endpoint that guesses a password, creates an
 * account or sends mail is counted per client IP (and per account where one is named) in Redis
 * before better-auth sees it.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const { auth, authLimits, logger, env } = getServices();
  const path = new URL(req.url).pathname.slice(AUTH_BASE_PATH.length);
  // better-auth checks the Origin only when the request carries cookies; a sign-in from another
  // site (login CSRF) carries none. Every POST must come from one of our pages.
  if (req.method === "POST" && !isTrustedOrigin(req.headers.get("origin"), [env.APP_URL, ...env.TRUSTED_ORIGINS])) {
    return authError(403, "FORBIDDEN", "Requests must come from this site's own pages.");
  }

  // Every body is capped before anything parses it.
  let forwarded = req;
  let email: string | null = null;
  if (req.method === "POST") {
    if (Number(req.headers.get("content-length") ?? 0) > AUTH_BODY_LIMIT_BYTES)
      return authError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
    const body = await readBoundedBody(req, AUTH_BODY_LIMIT_BYTES);
    if (!body) return authError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
    email = emailOf(body);
    forwarded = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  if (!authLimits.isLimited(path)) return auth.handler(forwarded);
  try {
    await authLimits.before(path, clientIpOf(req.headers), email);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    logger.warn({ requestId: requestIdFrom(req.headers), path, code: "TOO_MANY_REQUESTS" }, "auth attempt refused");
    return authError(429, "TOO_MANY_REQUESTS", err.message, { "retry-after": String(err.retryAfterSeconds) });
  }
  const response = await auth.handler(forwarded);
  await authLimits.after(path, email, response.status);
  return response;
}
