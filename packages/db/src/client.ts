import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { relations } from "./relations";

export type Db = NodePgDatabase<typeof schema & typeof relations>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool; web and worker each hold one pool per process. */
  max?: number;
  applicationName?: string;
  /** Idle-client errors (a restarted server) arrive here instead of crashing the process. */
  onError?: (err: Error) => void;
}

// A query that waits longer than this is a bug or an outage: fail it so the job can retry, rather
// than holding a worker slot (and a provider answer) forever.
const STATEMENT_TIMEOUT_MS = 15_000;

export function createDatabase({ url, max = 10, applicationName = "byok", onError }: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    // Waiting for a free connection in a burst is normal; a server that refuses fails at once anyway.
    connectionTimeoutMillis: 15_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  pool.on("error", (err) => onError?.(err));
  const db = drizzle(pool, { schema: { ...schema, ...relations } });
  return {
    db,
    pool,
    async close() {
      await pool.end();
    },
  };
}

/** For health checks: one round trip, and the error's class name only (its text may hold the URL). */
export async function pingDatabase(pool: pg.Pool): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await pool.query("select 1");
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? ((err as { code?: string }).code ?? err.name) : "unknown" };
  }
}
