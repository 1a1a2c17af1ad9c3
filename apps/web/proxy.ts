import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, createNonce } from "~/lib/security/csp";
import { securityHeaders } from "~/lib/security/security-headers";
import { SESSION_COOKIES } from "~/lib/session/cookie-name";
import { isDevelopment } from "~/env";

const PROTECTED_PREFIXES = ["/settings", "/recordings"];

function isProtected(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const nonce = createNonce();
  // One id per request, shared by the proxy's response and the server's log lines.
  const requestId = crypto.randomUUID();
  const csp = buildCsp({ nonce, dev: isDevelopment, https });

  let response: NextResponse;
  // Cheap first gate on presence only; the pages verify the sealed session itself.
  if (isProtected(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("next", `${pathname}${search}`);
    response = NextResponse.redirect(signIn);
  } else {
    const requestHeaders = new Headers(request.headers);
    // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
    requestHeaders.set("Content-Security-Policy", csp);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("x-pathname", `${pathname}${search}`);
    requestHeaders.set("x-request-id", requestId);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(securityHeaders({ csp, https }))) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  return response;
}

// Not /api: Next gives a proxy a copy of the request body, cut at 10 MB, which broke uploads; API
// routes check their own session and get their security headers from next.config.ts.
export const config = {
  matcher: ["/((?!api/).*)"],
};
