import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AccountNotFoundError } from "@byok/db";
import { ByokCacheError } from "@byok/byok-cache";
import { ByokHeaderError } from "@byok/byok-header";
import { TokenError } from "@byok/crypto";
import { RateLimitedError } from "~/lib/server/rate-limit";

/**
 * The one place typed domain errors become tRPC codes. Messages are fixed text or our own
 * (ByokHeaderError never echoes a key), so they are safe to send.
 */
export function mapKnownError(err: unknown): TRPCError | null {
  if (err instanceof TRPCError) return err.cause ? mapKnownError(err.cause) : null;
  if (err instanceof ByokHeaderError) return new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
  if (err instanceof ByokCacheError && err.code === "BAD_KEYS") {
    return new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
  }
  // No Retry-After: a place frees up when one of the user's waiting recordings finishes, not at a known time.
  if (err instanceof ByokCacheError && err.code === "TOO_MANY_ENTRIES") {
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: err.message, cause: err });
  }
  if (err instanceof RateLimitedError) {
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: err.message, cause: err });
  }
  if (err instanceof AccountNotFoundError) {
    return new TRPCError({ code: "UNAUTHORIZED", message: "Your account was not found. Sign in again.", cause: err });
  }
  if (err instanceof TokenError) {
    return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Cached keys could not be read.", cause: err });
  }
  if (err instanceof ZodError) {
    return new TRPCError({ code: "BAD_REQUEST", message: describeZodError(err), cause: err });
  }
  return null;
}

/** The input fields our procedures declare: the only names an error may repeat. */
const DECLARED_FIELDS = new Set(["id", "ref", "provider", "providers", "policy"]);

/**
 * Paths and messages only: zod issues never carry the input value unless asked to. A path is
 * repeated only when every part is an index or a field we declare; anything else may be the
 * sender's text.
 */
export function describeZodError(err: ZodError): string {
  const parts = err.issues.slice(0, 5).map((issue) => {
    if (issue.code === "unrecognized_keys") return "unexpected fields";
    const declared = issue.path.every(
      (part) => typeof part === "number" || (typeof part === "string" && DECLARED_FIELDS.has(part)),
    );
    const path = issue.path.length && declared ? `${issue.path.join(".")}: ` : "";
    return `${path}${issue.message}`;
  });
  return `Invalid input. ${parts.join("; ")}`;
}

export function retryAfterOf(err: unknown): number | undefined {
  if (err instanceof RateLimitedError) return err.retryAfterSeconds;
  if (err instanceof TRPCError) return retryAfterOf(err.cause);
  return undefined;
}
