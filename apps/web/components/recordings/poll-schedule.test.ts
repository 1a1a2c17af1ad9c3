import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { backoffPolling, pollDelay } from "~/components/recordings/poll-schedule";

const offline = new TypeError("Failed to fetch");
const notFound = new TRPCClientError("No such recording.", {
  result: { error: { message: "No such recording.", code: -32004, data: { code: "NOT_FOUND", httpStatus: 404 } } },
} as never);

describe("pollDelay", () => {
  it("doubles per failure in a row and stops growing at the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => pollDelay(1000, n, 30_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe("backoffPolling", () => {
  const active = (data: { active: boolean }) => data.active;

  it("polls at the base rate while the data says so, and stops when it is final", () => {
    const interval = backoffPolling({ baseMs: 1000, shouldPoll: active });
    expect(interval({ state: { data: undefined, error: null, status: "pending", errorUpdateCount: 0 } })).toBe(1000);
    expect(interval({ state: { data: { active: true }, error: null, status: "success", errorUpdateCount: 0 } })).toBe(
      1000,
    );
    expect(interval({ state: { data: { active: false }, error: null, status: "success", errorUpdateCount: 0 } })).toBe(
      false,
    );
  });

  it("keeps polling through an outage, backing off, and starts over after a success", () => {
    const interval = backoffPolling({ baseMs: 1000, shouldPoll: active });
    const data = { active: true };
    expect(interval({ state: { data, error: null, status: "success", errorUpdateCount: 3 } })).toBe(1000);
    expect(interval({ state: { data, error: offline, status: "error", errorUpdateCount: 4 } })).toBe(2000);
    expect(interval({ state: { data, error: offline, status: "error", errorUpdateCount: 5 } })).toBe(4000);
    expect(interval({ state: { data, error: null, status: "success", errorUpdateCount: 5 } })).toBe(1000);
    expect(interval({ state: { data, error: offline, status: "error", errorUpdateCount: 6 } })).toBe(2000);
  });

  it("stops on a failure that asking again cannot cure", () => {
    const interval = backoffPolling({ baseMs: 1000, shouldPoll: active });
    expect(interval({ state: { data: undefined, error: notFound, status: "error", errorUpdateCount: 1 } })).toBe(false);
  });

  it("never polls a final recording, even after a failed poll", () => {
    const interval = backoffPolling({ baseMs: 1000, shouldPoll: active });
    expect(interval({ state: { data: { active: false }, error: offline, status: "error", errorUpdateCount: 1 } })).toBe(
      false,
    );
  });
});
