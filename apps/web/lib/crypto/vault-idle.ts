/**
 * Locks after a stretch without activity, and warns shortly before. Activity only moves a
 * timestamp, so it is cheap to call on every keystroke; the single timer re-arms itself for the
 * remaining time when it fires early.
 */
export const ACTIVITY_THROTTLE_MS = 1_000;
/** How long before the auto-lock the warning comes (at most half the idle time). */
export const WARN_BEFORE_MS = 60_000;

export interface IdleTimerOptions {
  timeoutMs: number;
  now: () => number;
  onIdle: () => void;
  /** The lock is WARN_BEFORE_MS away (called from the timer only). */
  onWarn?: (lockAt: number) => void;
  /** Activity after a warning moved the lock away again. */
  onWarnCancel?: () => void;
  /** Activity in this tab (not adopted activity), for sharing the clock with other tabs. */
  onActivity?: (at: number) => void;
}

export interface IdleTimer {
  /** Starts the clock; `lastActivityAt` continues a clock kept elsewhere (another tab, a reload). */
  start(lastActivityAt?: number): void;
  stop(): void;
  /** Vault use: always counts. */
  activity(): void;
  /** User input: counts at most once per ACTIVITY_THROTTLE_MS. */
  touch(): void;
  /** Activity seen in another tab; never moves the clock backwards and is not shared again. */
  adopt(at: number): void;
  setTimeoutMs(timeoutMs: number): void;
  expired(): boolean;
  lastActivity(): number;
  /** When the vault locks, while the warning is up; otherwise null. */
  warningLockAt(): number | null;
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const { now, onIdle, onWarn, onWarnCancel, onActivity } = options;
  let timeoutMs = options.timeoutMs;
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let warned = false;

  const warnLead = () => Math.min(WARN_BEFORE_MS, Math.floor(timeoutMs / 2));
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const arm = (delay: number) => {
    clear();
    timer = setTimeout(fire, Math.max(0, delay));
    // Node only: a pending auto-lock must not keep a test or script process alive.
    if (typeof timer === "object" && timer !== null && "unref" in timer) timer.unref();
  };
  /** Arms for the next point (warning or lock) without calling anyone: callbacks come from the timer. */
  const plan = () => {
    if (!running) return;
    const idle = now() - last;
    arm(warned ? timeoutMs - idle : timeoutMs - warnLead() - idle);
  };

  function fire() {
    timer = undefined;
    if (!running) return;
    const idle = now() - last;
    if (idle >= timeoutMs) {
      running = false;
      warned = false;
      onIdle();
      return;
    }
    if (idle >= timeoutMs - warnLead()) {
      arm(timeoutMs - idle);
      if (!warned) {
        warned = true;
        onWarn?.(last + timeoutMs);
      }
      return;
    }
    arm(timeoutMs - warnLead() - idle);
  }

  function moved() {
    if (warned && now() - last < timeoutMs - warnLead()) {
      warned = false;
      plan();
      onWarnCancel?.();
    }
  }

  function record(at: number) {
    last = at;
    moved();
    onActivity?.(at);
  }

  return {
    start(lastActivityAt) {
      const t = now();
      running = true;
      warned = false;
      last = lastActivityAt === undefined ? t : Math.min(lastActivityAt, t);
      plan();
    },
    stop() {
      running = false;
      warned = false;
      clear();
    },
    activity() {
      if (running) record(now());
    },
    touch() {
      const t = now();
      if (running && t - last >= ACTIVITY_THROTTLE_MS) record(t);
    },
    adopt(at) {
      const t = Math.min(at, now());
      if (!running || t <= last) return;
      last = t;
      moved();
    },
    setTimeoutMs(next) {
      timeoutMs = next;
      if (!running) return;
      // The lock time changed: withdraw a warning, and let the timer decide at once whether the new
      // time is inside the warning window (it warns again with the new lock time) or already past.
      if (warned) {
        warned = false;
        onWarnCancel?.();
      }
      arm(0);
    },
    expired() {
      return running && now() - last >= timeoutMs;
    },
    lastActivity() {
      return last;
    },
    warningLockAt() {
      return running && warned ? last + timeoutMs : null;
    },
  };
}
