import { setMaxListeners } from "node:events";

/**
 * What a worker's shutdown tells running jobs. `stopping` fires when the shutdown starts: no new
 * provider call begins and retry waits end (a job handed back then costs nothing). `deadline` fires
 * when the grace period is over: provider calls still in flight are aborted and their jobs handed
 * back, so the process can exit before an orchestrator's SIGKILL.
 */
export interface ShutdownSignals {
  stopping: AbortSignal;
  deadline: AbortSignal;
}

export function createShutdownSignals() {
  const stopping = new AbortController();
  const deadline = new AbortController();
  // Every running job listens to both (its retry waits, its SDK requests): many listeners are normal.
  setMaxListeners(0, stopping.signal, deadline.signal);
  return {
    signals: { stopping: stopping.signal, deadline: deadline.signal } satisfies ShutdownSignals,
    stop: () => stopping.abort(),
    expire: () => {
      stopping.abort();
      deadline.abort();
    },
  };
}

/** Thrown inside a stage when the shutdown interrupts it; the stage runner hands the job back. */
export class HandBack extends Error {
  /** When the job should run again (ms epoch): now, or the retry a wait was interrupted in. */
  readonly at: number;

  constructor(at = Date.now()) {
    super("worker shutting down");
    this.name = "HandBack";
    this.at = at;
  }
}

/** Waits `ms`, or throws HandBack (carrying the time the wait would have ended) when `signal` fires. */
export function waitOrHandBack(ms: number, signal: AbortSignal): Promise<void> {
  const until = Date.now() + ms;
  if (signal.aborted) return Promise.reject(new HandBack(until));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new HandBack(until));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
