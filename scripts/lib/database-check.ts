/**
 * `tsx scripts/lib/database-check.ts <url>`: exit 0 when the PostgreSQL server at <url> answers
 * (creating <url>'s database if the server has none of that name), 2 when nothing answers. Used by
 * bootstrap.sh, which has no psql client on every machine.
 */
import pg from "pg";

const url = process.argv[2];
if (!url) {
  console.error("usage: database-check.ts <postgres url>");
  process.exit(64);
}

async function connect(target: string): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return client;
  } catch (err) {
    // 3D000: the server answered, the database does not exist.
    if ((err as { code?: string }).code === "3D000") return null;
    throw err;
  }
}

try {
  const client = await connect(url);
  if (client) {
    await client.end();
    process.exit(0);
  }
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const server = await connect(admin.toString());
  if (!server) throw new Error("no postgres database to connect to");
  await server.query(`create database "${name.replace(/"/g, '""')}"`);
  await server.end();
  console.log(`[setup] created database ${name}`);
  process.exit(0);
} catch (err) {
  console.error(
    `[setup] PostgreSQL at ${new URL(url).host} does not answer (${(err as { code?: string }).code ?? (err as Error).name})`,
  );
  process.exit(2);
}
