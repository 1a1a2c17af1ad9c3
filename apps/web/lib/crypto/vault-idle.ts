/**
 * Locks after a stretch without activity. Activity only moves a timestamp, so it is cheap to call
 * on every keystroke; the single timer re-arms itself for the remaining time when it fires early.
 */
export const ACTIVITY_THROTTLE_MS = 1_000;

export interface IdleTimer {
  start(): void;
  stop(): void;
  /** Vault use: always counts. */
  activity(): void;
  /** User input: counts at most once per ACTIVITY_THROTTLE_MS. */
  touch(): void;
  expired(): boolean;
}

export function createIdleTimer(timeoutMs: number, now: () => number, onIdle: () => void): IdleTimer {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const arm = (delay: number) => {
    timer = setTimeout(fire, delay);
    // Node only: a pending auto-lock must not keep a test or script process alive.
    if (typeof timer === "object" && timer !== null && "unref" in timer) timer.unref();
  };
  function fire() {
    timer = undefined;
    if (!running) return;
    const idle = now() - last;
    if (idle >= timeoutMs) {
      running = false;
      onIdle();
    } else {
      arm(timeoutMs - idle);
    }
  }

  return {
    start() {
      if (timer !== undefined) clearTimeout(timer);
      running = true;
      last = now();
      arm(timeoutMs);
    },
    stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    activity() {
      if (running) last = now();
    },
    touch() {
      const t = now();
      if (running && t - last >= ACTIVITY_THROTTLE_MS) last = t;
    },
    expired() {
      return running && now() - last >= timeoutMs;
    },
  };
}
