import { existsSync, readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const HAS_PROC = existsSync("/proc/self/stat");

/** The session leader's own process group (its pgid is its pid): all that is visible without /proc. */
function leaderGroup(sid: number): number[] {
  try {
    process.kill(-sid, 0);
    return [sid];
  } catch {
    return [];
  }
}

/**
 * Pids of the live processes in session `sid`, from Linux's /proc. turbo gives each task a process
 * group of its own, so the session, not a group, is what holds everything a supervisor started.
 * Without /proc (macOS) only the leader's group is seen, and turbo's own shutdown stops its tasks.
 */
export function sessionMembers(sid: number): number[] {
  if (!HAS_PROC) return leaderGroup(sid);
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
    if (HAS_PROC) for (const pid of members) signal(pid, "SIGKILL");
    else signal(-leader, "SIGKILL");
    await sleep(50);
  }
}
