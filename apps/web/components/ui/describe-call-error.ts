import { TRPCClientError } from "@trpc/client";

interface CallErrorData {
  code?: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
}

function dataOf(error: TRPCClientError<never>): CallErrorData {
  return (error.data as CallErrorData | undefined) ?? {};
}

/** Turns a failed tRPC call into a sentence for people. Server messages are our own fixed texts. */
export function describeCallError(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const { code } = dataOf(error);
    if (code === "TOO_MANY_REQUESTS") return error.message || "Too many requests. Wait a minute and try again.";
    if (code === "UNAUTHORIZED") return "Your session has ended. Sign in again.";
    if (code === "INTERNAL_SERVER_ERROR") return "The server could not complete this. Try again shortly.";
    return error.message || fallback;
  }
  if (error instanceof TypeError) return "The server could not be reached. Check your connection.";
  return fallback;
}

/** Seconds the server asked us to wait (a 429 from our own rate limit), or null for any other failure. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  const { code, retryAfterSeconds } = dataOf(error);
  return code === "TOO_MANY_REQUESTS" && typeof retryAfterSeconds === "number" ? retryAfterSeconds : null;
}

/**
 * A failure that asking again later can cure: no connection, a server or gateway failure (a proxy's
 * HTML error page arrives without tRPC data), or a rate limit. Not: a missing recording, bad input,
 * an ended session.
 */
export function isTransientCallError(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  if (!(error instanceof TRPCClientError)) return false;
  const { code, httpStatus } = dataOf(error);
  if (code === undefined && httpStatus === undefined) return true;
  return code === "TOO_MANY_REQUESTS" || (httpStatus ?? 0) >= 500;
}
