import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createIdleTimer, WARN_BEFORE_MS, type IdleTimer } from "~/lib/crypto/vault-idle";

const MINUTE = 60_000;
type Call = ["idle"] | ["warn", number] | ["cancel"] | ["activity", number];

function timer(timeoutMs = 30 * MINUTE): { idle: IdleTimer; calls: Call[] } {
  const calls: Call[] = [];
  const idle = createIdleTimer({
    timeoutMs,
    now: () => Date.now(),
    onIdle: () => calls.push(["idle"]),
    onWarn: (lockAt) => calls.push(["warn", lockAt]),
    onWarnCancel: () => calls.push(["cancel"]),
    onActivity: (at) => calls.push(["activity", at]),
  });
  return { idle, calls };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("idle timer", () => {
  it("warns once a minute before the lock, with the lock time, then locks and leaves no timer", () => {
    const { idle, calls } = timer();
    const start = Date.now();
    idle.start();
    vi.advanceTimersByTime(29 * MINUTE - 1);
    expect(calls).toEqual([]);
    expect(idle.warningLockAt()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([["warn", start + 30 * MINUTE]]);
    expect(idle.warningLockAt()).toBe(start + 30 * MINUTE);
    vi.advanceTimersByTime(MINUTE - 1);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([["warn", start + 30 * MINUTE], ["idle"]]);
    expect(idle.warningLockAt()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("activity during the warning withdraws it, and the next warning comes a full period later", () => {
    const { idle, calls } = timer();
    idle.start();
    vi.advanceTimersByTime(29.5 * MINUTE);
    const stayedAt = Date.now();
    idle.activity();
    expect(calls.slice(1)).toEqual([["cancel"], ["activity", stayedAt]]);
    expect(idle.warningLockAt()).toBeNull();
    vi.advanceTimersByTime(29 * MINUTE - 1);
    expect(calls.filter(([kind]) => kind === "warn")).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls.at(-1)).toEqual(["warn", stayedAt + 30 * MINUTE]);
  });

  it("touch counts at most once a second; activity always counts", () => {
    const { idle, calls } = timer();
    idle.start();
    vi.advanceTimersByTime(500);
    idle.touch();
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(500);
    idle.touch();
    idle.activity();
    expect(calls.map(([kind]) => kind)).toEqual(["activity", "activity"]);
  });

  it("adopts activity from elsewhere without sharing it again, never backwards, never from the future", () => {
    const { idle, calls } = timer();
    idle.start();
    const started = idle.lastActivity();
    idle.adopt(started - 5_000);
    expect(idle.lastActivity()).toBe(started);
    vi.advanceTimersByTime(10 * MINUTE);
    idle.adopt(Date.now() + 60 * MINUTE);
    expect(idle.lastActivity()).toBe(Date.now());
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(29 * MINUTE);
    expect(calls).toEqual([["warn", idle.lastActivity() + 30 * MINUTE]]);
    idle.adopt(Date.now());
    expect(calls.at(-1)).toEqual(["cancel"]);
  });

  it("continues a clock started elsewhere (a reload, another tab)", () => {
    const { idle, calls } = timer();
    const lastAt = Date.now() - 29.5 * MINUTE;
    idle.start(lastAt);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([["warn", lastAt + 30 * MINUTE]]);
    vi.advanceTimersByTime(0.5 * MINUTE);
    expect(calls.at(-1)).toEqual(["idle"]);
  });

  it("a new idle time applies from the last activity: shorter may lock at once, longer withdraws a warning", () => {
    const { idle, calls } = timer();
    idle.start();
    vi.advanceTimersByTime(29.5 * MINUTE);
    expect(calls.map(([kind]) => kind)).toEqual(["warn"]);
    idle.setTimeoutMs(60 * MINUTE);
    expect(calls.at(-1)).toEqual(["cancel"]);
    vi.advanceTimersByTime(0);
    expect(idle.warningLockAt()).toBeNull();

    idle.setTimeoutMs(5 * MINUTE);
    vi.advanceTimersByTime(0);
    expect(calls.map(([kind]) => kind)).toEqual(["warn", "cancel", "idle"]);
    expect(idle.expired()).toBe(false);
  });

  it("warns at most half the idle time ahead", () => {
    const { idle, calls } = timer(10_000);
    idle.start();
    vi.advanceTimersByTime(4_999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls.map(([kind]) => kind)).toEqual(["warn"]);
    expect(WARN_BEFORE_MS).toBe(MINUTE);
  });

  it("a stopped timer ignores activity and holds no timer", () => {
    const { idle, calls } = timer();
    idle.start();
    idle.stop();
    idle.activity();
    idle.touch();
    idle.adopt(Date.now() + 1);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(idle.expired()).toBe(false);
  });
});
