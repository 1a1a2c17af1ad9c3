import { setTimeout as sleep } from "node:timers/promises";

export interface WaitForAppOptions {
  url: string;
  /** False once the processes serving the app have exited: there is nothing left to wait for. */
  isRunning: () => boolean;
  log: (line: string) => void;
  pollMs?: number;
  /** How often to say that it is still waiting. */
  noteEveryMs?: number;
  /** `next dev` compiles a page on its first request, which can take a minute on a small machine. */
  requestTimeoutMs?: number;
  /** Appended to the first line, to say what the wait is for. */
  hint?: string;
}

/**
 * Resolves true once the app's page answers with anything but a server error, false if the app
 * stops first. A 5xx is not "ready": printing the URL then would send the user to an error page,
 * so the wait goes on and says, once per status, that the app answered with an error.
 */
export async function waitForApp({
  url,
  isRunning,
  log,
  pollMs = 500,
  noteEveryMs = 5_000,
  requestTimeoutMs = 60_000,
  hint = "",
}: WaitForAppOptions): Promise<boolean> {
  const started = Date.now();
  log(`starting… waiting for ${url} to answer${hint}`);
  let nextNote = started + noteEveryMs;
  const reported = new Set<number>();
  while (isRunning()) {
    try {
      // Manual redirects: a redirect to the sign-in page is an answer.
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(requestTimeoutMs) });
      await response.body?.cancel();
      if (response.status < 500) return true;
      if (!reported.has(response.status)) {
        reported.add(response.status);
        log(`${url} answered HTTP ${response.status}; the log above says why. Still waiting for a working page.`);
      }
    } catch {
      // Not listening yet, or still compiling.
    }
    if (Date.now() >= nextNote) {
      log(`starting… still waiting for ${url} (${Math.round((Date.now() - started) / 1000)} s)`);
      nextNote += noteEveryMs;
    }
    await sleep(pollMs);
  }
  return false;
}
