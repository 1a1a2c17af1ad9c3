import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "~/proxy";

function cspOf(res: Response): Map<string, string[]> {
  const csp = res.headers.get("content-security-policy") ?? "";
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("proxy security headers", () => {
  it("sets a strict nonce CSP and the other headers on pages and API responses alike", () => {
    for (const path of ["/", "/sign-in", "/api/trpc/user.me"]) {
      const res = proxy(new NextRequest(`http://localhost:3000${path}`));
      const csp = cspOf(res);
      const script = csp.get("script-src") ?? [];
      expect(script).toContain("'strict-dynamic'");
      expect(script.some((s) => /^'nonce-[A-Za-z0-9+/=]{20,}'$/.test(s))).toBe(true);
      expect(script).not.toContain("'unsafe-eval'");
      expect(script).not.toContain("'unsafe-inline'");
      expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
      expect(csp.get("connect-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
  });

  it("uses a fresh nonce per request and hands it to the renderer", () => {
    const a = proxy(new NextRequest("http://localhost:3000/"));
    const b = proxy(new NextRequest("http://localhost:3000/"));
    expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"));
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(
      a.headers.get("content-security-policy"),
    );
    const id = a.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get("x-middleware-request-x-request-id")).toBe(id);
    expect(b.headers.get("x-request-id")).not.toBe(id);
  });

  it("sends signed-out visitors of protected pages to sign-in, keeping the way back", () => {
    const res = proxy(new NextRequest("http://localhost:3000/settings/api-keys?tab=1"));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/settings/api-keys?tab=1");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const signedIn = proxy(
      new NextRequest("http://localhost:3000/settings", { headers: { cookie: "byok.session_token=x" } }),
    );
    expect(signedIn.status).toBe(200);
  });

  it("adds HSTS and upgrade-insecure-requests only behind https", () => {
    const res = proxy(new NextRequest("http://localhost:3000/", { headers: { "x-forwarded-proto": "https" } }));
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(cspOf(res).has("upgrade-insecure-requests")).toBe(true);
    expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
  });
});
