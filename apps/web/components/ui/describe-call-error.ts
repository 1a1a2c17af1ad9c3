import { TRPCClientError } from "@trpc/client";

/** Turns a failed tRPC call into a sentence for people. Server messages are our own fixed texts. */
export function describeCallError(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "TOO_MANY_REQUESTS") return error.message || "Too many requests. Wait a minute and try again.";
    if (code === "UNAUTHORIZED") return "Your session has ended. Sign in again.";
    if (code === "INTERNAL_SERVER_ERROR") return "The server could not complete this. Try again shortly.";
    return error.message || fallback;
  }
  if (error instanceof TypeError) return "The server could not be reached. Check your connection.";
  return fallback;
}
