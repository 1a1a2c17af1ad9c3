import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Pids of the live processes in session `sid` (Linux /proc). turbo gives each task a process group
 * of its own, so the session, not a group, is what holds everything a supervisor started.
 */
export function sessionMembers(sid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // Fields after the command name, which may itself hold spaces and parentheses.
    const [state, , , session] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(session) === sid && state !== "Z") members.push(Number(entry));
  }
  return members;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * Stops a session whose leader forwards signals to its children (turbo does): SIGTERM to the
 * leader so every task shuts down cleanly, then SIGKILL to whatever in the session outlives
 * `graceMs`. Resolves when the session is empty.
 */
export async function stopSession(leader: number, graceMs = 15_000): Promise<void> {
  signal(leader, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (sessionMembers(leader).length > 0 && Date.now() < deadline) await sleep(100);
  for (let members = sessionMembers(leader); members.length > 0; members = sessionMembers(leader)) {
    for (const pid of members) signal(pid, "SIGKILL");
    await sleep(50);
  }
}
