import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { describeCallError } from "~/components/ui/describe-call-error";

function clientError(message: string, code: string) {
  return new TRPCClientError(message, { result: { error: { message, code: -32600, data: { code } } } } as never);
}

describe("describeCallError", () => {
  it("keeps the server's own message for a rate limit and a bad request", () => {
    expect(describeCallError(clientError("Too many key tests. Try again in 42 s.", "TOO_MANY_REQUESTS"), "x")).toBe(
      "Too many key tests. Try again in 42 s.",
    );
    expect(describeCallError(clientError("The file is larger than 25 MB.", "PAYLOAD_TOO_LARGE"), "x")).toBe(
      "The file is larger than 25 MB.",
    );
  });
  it("replaces server failures and expired sessions with plain sentences", () => {
    expect(describeCallError(clientError("Internal details", "INTERNAL_SERVER_ERROR"), "x")).toBe(
      "The server could not complete this. Try again shortly.",
    );
    expect(describeCallError(clientError("No session", "UNAUTHORIZED"), "x")).toBe("Your session has ended. Sign in again.");
  });
  it("names a network failure and falls back for anything else", () => {
    expect(describeCallError(new TypeError("Failed to fetch"), "x")).toBe("The server could not be reached. Check your connection.");
    expect(describeCallError(new Error("boom"), "Could not save.")).toBe("Could not save.");
  });
});
