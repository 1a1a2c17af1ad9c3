import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { describeCallError, isTransientCallError, retryAfterSeconds } from "~/components/ui/describe-call-error";

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
    expect(describeCallError(clientError("No session", "UNAUTHORIZED"), "x")).toBe(
      "Your session has ended. Sign in again.",
    );
  });
  it("names a network failure and falls back for anything else", () => {
    expect(describeCallError(new TypeError("Failed to fetch"), "x")).toBe(
      "The server could not be reached. Check your connection.",
    );
    expect(describeCallError(new Error("boom"), "Could not save.")).toBe("Could not save.");
  });
});

function errorWithData(data: Record<string, unknown> | undefined) {
  return new TRPCClientError(
    "message",
    data ? ({ result: { error: { message: "m", code: -32600, data } } } as never) : undefined,
  );
}

describe("retryAfterSeconds", () => {
  it("reads the wait of a rate limit and nothing else", () => {
    expect(
      retryAfterSeconds(errorWithData({ code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfterSeconds: 42 })),
    ).toBe(42);
    expect(retryAfterSeconds(errorWithData({ code: "TOO_MANY_REQUESTS", httpStatus: 429 }))).toBeNull();
    expect(
      retryAfterSeconds(errorWithData({ code: "BAD_REQUEST", httpStatus: 400, retryAfterSeconds: 42 })),
    ).toBeNull();
    expect(retryAfterSeconds(new Error("boom"))).toBeNull();
  });
});

describe("isTransientCallError", () => {
  it("retries a lost connection, a server failure, a gateway page and a rate limit", () => {
    expect(isTransientCallError(new TypeError("Failed to fetch"))).toBe(true);
    expect(isTransientCallError(errorWithData({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 }))).toBe(true);
    expect(isTransientCallError(errorWithData(undefined))).toBe(true);
    expect(isTransientCallError(errorWithData({ code: "TOO_MANY_REQUESTS", httpStatus: 429 }))).toBe(true);
  });
  it("does not retry what asking again cannot change", () => {
    expect(isTransientCallError(errorWithData({ code: "NOT_FOUND", httpStatus: 404 }))).toBe(false);
    expect(isTransientCallError(errorWithData({ code: "BAD_REQUEST", httpStatus: 400 }))).toBe(false);
    expect(isTransientCallError(errorWithData({ code: "UNAUTHORIZED", httpStatus: 401 }))).toBe(false);
    expect(isTransientCallError(new Error("boom"))).toBe(false);
  });
});
