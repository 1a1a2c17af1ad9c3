import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Attribution } from "@byok/types";
import { createDatabase, type Database } from "./client";
import { MIGRATIONS_DIR, migrateDatabase } from "./migrate";
import { providerCalls } from "./schema";

/** The server the tests use; its `postgres` database is only used to create and drop test databases. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface PgTestDatabase extends Database {
  /** The database's own URL, for processes the test starts (workers, the web server). */
  url: string;
  name: string;
  /** Closes this pool and drops the database (and any connection other processes left open). */
  cleanup(): Promise<void>;
}

const TEST_DB_PREFIX = "byok_t_";
// Databases left by a crashed run are dropped once they are this old.
const STALE_AFTER_MS = 6 * 3_600_000;
const TEMPLATE_LOCK = 0x6279_746d;

function urlFor(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A name per schema version: a migration change gives a new template instead of a stale one. */
function templateName(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    if (file.endsWith(".sql") || file.endsWith(".json"))
      hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  return `byok_template_${hash.digest("hex").slice(0, 12)}`;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: "byok-test-admin" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Migrated once per schema version, then copied per test file: a copy costs far less than migrating. */
async function ensureTemplate(admin: pg.Client): Promise<string> {
  const template = templateName();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
  if (exists.rowCount) return template;
  const building = `${template}_build_${randomBytes(3).toString("hex")}`;
  await admin.query(`create database ${quote(building)}`);
  await migrateDatabase(urlFor(building));
  // Renamed only once complete, so no file ever copies a half-migrated template.
  await admin.query(`alter database ${quote(building)} rename to ${quote(template)}`);
  return template;
}

async function dropStale(admin: pg.Client): Promise<void> {
  const rows = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [
    `${TEST_DB_PREFIX}%`,
  ]);
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const { datname } of rows.rows) {
    const created = Number(datname.slice(TEST_DB_PREFIX.length).split("_")[0]);
    if (Number.isFinite(created) && created < cutoff)
      await admin.query(`drop database if exists ${quote(datname)} with (force)`);
  }
}

/**
 * A fresh, migrated database for one test file, on the real server: copied from a template that
 * is migrated once per schema version. `cleanup()` drops it.
 */
export async function pgTestDatabase(label = "t"): Promise<PgTestDatabase> {
  const safeLabel =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .slice(0, 20) || "t";
  const name = `${TEST_DB_PREFIX}${Date.now()}_${safeLabel}_${randomBytes(4).toString("hex")}`;
  await withAdmin(async (admin) => {
    // Test files start in parallel processes: one builds the template, the others wait for it.
    await admin.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    try {
      await dropStale(admin);
      const template = await ensureTemplate(admin);
      await admin.query(`create database ${quote(name)} template ${quote(template)}`);
    } finally {
      await admin.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
    }
  });
  const url = urlFor(name);
  const database = createDatabase({ url, max: 10, applicationName: `byok-test-${safeLabel}` });
  return {
    ...database,
    url,
    name,
    async cleanup() {
      await database.close();
      await withAdmin((admin) => admin.query(`drop database if exists ${quote(name)} with (force)`));
    },
  };
}

/**
 * The whole database as `pg_dump` writes it, schema and data: what a leak sweep searches, exactly
 * as an operator's backup would hold it.
 */
export async function dumpDatabase(url: string): Promise<string> {
  const { execFile } = await import("node:child_process");
  const candidates = [
    "pg_dump",
    "/usr/lib/postgresql/15/bin/pg_dump",
    "/usr/lib/postgresql/16/bin/pg_dump",
    "/usr/lib/postgresql/17/bin/pg_dump",
  ];
  let lastError: unknown;
  for (const bin of candidates) {
    try {
      return await new Promise<string>((resolve, reject) => {
        execFile(bin, ["--no-owner", "--no-privileges", url], { maxBuffer: 512 * 1024 * 1024 }, (err, stdout) =>
          err ? reject(err instanceof Error ? err : new Error("pg_dump failed")) : resolve(stdout),
        );
      });
    } catch (err) {
      lastError = err;
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  throw lastError;
}

export type ProviderCallRow = typeof providerCalls.$inferInsert;

/** Who paid for a stage, in tests: the user's own OpenAI key, on Whisper. */
export const BYOK_OPENAI_ATTRIBUTION = {
  provider: "openai",
  model: "whisper-1",
  tier: 0,
  keySource: "byok",
  fallbackReason: null,
} as const satisfies Attribution;

/** A ledger row for tests: a paid, successful OpenAI transcription on the user's key, unless `over` says otherwise. */
export function ledgerRow(
  userId: string,
  recordingId: string | null,
  over: Partial<ProviderCallRow> = {},
): ProviderCallRow {
  return {
    userId,
    recordingId,
    stage: "stt",
    run: 1,
    provider: "openai",
    model: "whisper-1",
    tier: 0,
    keySource: "byok",
    fallbackReason: null,
    outcome: "ok",
    ...over,
  };
}
