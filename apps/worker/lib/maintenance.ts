import type pg from "pg";
import type { Reconciler } from "./reconciler";
import type { Log } from "./worker-context";

// One constant for every worker process: whoever holds it does the periodic work, so several
// workers do not all scan and re-queue the same recordings.
const MAINTENANCE_LOCK = 0x6279_6d6e;

/** Runs `work` only in the process that holds the lock, on a session of its own. */
export async function asLeader<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [MAINTENANCE_LOCK]);
    if (!rows[0]?.ok) return null;
    try {
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MAINTENANCE_LOCK]);
    }
  } finally {
    client.release();
  }
}

export interface MaintenanceOptions {
  pool: pg.Pool;
  reconciler: Reconciler;
  sweepUploads(): Promise<unknown>;
  reconcileIntervalMs: number;
  retentionIntervalMs: number;
  logger: Log;
}

/** Periodic reconciling and retention. Each round waits for the last; an error waits for the next round. */
export function startMaintenance({
  pool,
  reconciler,
  sweepUploads,
  reconcileIntervalMs,
  retentionIntervalMs,
  logger,
}: MaintenanceOptions) {
  const log = logger.child({ component: "maintenance" });
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const every = (name: string, intervalMs: number, work: () => Promise<unknown>) => {
    const round = async () => {
      if (stopped) return;
      const running = asLeader(pool, work).catch((err: unknown) => {
        log.warn(
          { task: name, errorName: err instanceof Error ? err.name : "unknown", code: (err as { code?: string }).code },
          "maintenance round failed",
        );
      });
      inFlight.add(running);
      await running;
      inFlight.delete(running);
      if (!stopped) timers.push(setTimeout(schedule, intervalMs).unref());
    };
    // round() never rejects: each round's failure is caught and logged above.
    const schedule = () => {
      round().catch(() => undefined);
    };
    timers.push(setTimeout(schedule, Math.min(intervalMs, 1_000)).unref());
  };
  every("reconcile", reconcileIntervalMs, async () => {
    const report = await reconciler.tick();
    // Keeping entries alive is routine; the log line is for the rest.
    if (report.dispatched || report.rerun || report.failed || report.referencesCleared) log.info(report, "reconciled");
  });
  every("retention", retentionIntervalMs, sweepUploads);

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(inFlight);
    },
  };
}
