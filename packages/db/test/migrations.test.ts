import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateDatabase } from "../src/migrate";
import { TEST_DATABASE_URL } from "../src/testing";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("migrations", { timeout: 120_000 }, () => {
  it("match the schema: drizzle-kit finds nothing left to generate", async () => {
    // drizzle-kit takes only paths relative to the package.
    const out = await mkdtemp(path.join(PACKAGE_DIR, "node_modules", ".drift-"));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    await cp(MIGRATIONS_DIR, out, { recursive: true });
    const before = await readdir(out, { recursive: true });
    const { stdout, stderr } = await run(
      "pnpm",
      [
        "exec",
        "drizzle-kit",
        "generate",
        "--dialect",
        "postgresql",
        "--schema",
        "./src/schema.ts",
        "--out",
        path.relative(PACKAGE_DIR, out),
      ],
      { cwd: PACKAGE_DIR },
    );
    expect(stderr).not.toMatch(/Error/);
    expect(stdout).toMatch(/No schema changes/);
    expect(await readdir(out, { recursive: true })).toEqual(before);
  });

  it("apply to an empty database, and a second run (or a concurrent one) changes nothing", async () => {
    const name = `byok_t_${Date.now()}_migrate`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    await Promise.all([migrateDatabase(url.toString()), migrateDatabase(url.toString())]);
    await migrateDatabase(url.toString());
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const tables = await client.query(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    const applied = await client.query("select count(*)::int as n from drizzle.__drizzle_migrations");
    await client.end();
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
      "auth_accounts",
      "billing_events",
      "key_health",
      "passkeys",
      "provider_calls",
      "recording_stages",
      "recordings",
      "sessions",
      "users",
      "verifications",
    ]);
    const journal = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql"));
    expect(applied.rows[0].n).toBe(journal.length);
  });
});
