/**
 * Mutations must come from our own pages: a same-origin Origin header, and a body type a cross-site
 * HTML form cannot send without a CORS preflight (JSON), or multipart for the upload endpoint.
 */
export type CsrfVerdict = { ok: true } | { ok: false; message: string };

export function checkMutationRequest(headers: Headers, expects: "json" | "form-data"): CsrfVerdict {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || !host) return { ok: false, message: "Mutations need a same-origin Origin header." };
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { ok: false, message: "Mutations need a same-origin Origin header." };
  }
  if (originHost !== host) return { ok: false, message: "Cross-origin mutations are not allowed." };

  const contentType = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (expects === "form-data") {
    return contentType === "multipart/form-data"
      ? { ok: true }
      : { ok: false, message: "This upload must be sent as multipart/form-data." };
  }
  return contentType === "application/json"
    ? { ok: true }
    : { ok: false, message: "Mutations must be sent as application/json." };
}
