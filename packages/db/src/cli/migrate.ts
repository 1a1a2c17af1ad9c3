import { parseEnvWith } from "@byok/config";
import { z } from "zod";
import { migrateDatabase } from "../migrate";

// `pnpm db:migrate`: the one command that brings a database to the current schema.
const env = parseEnvWith(z.object({ DATABASE_URL: z.string().url() }), process.env);
await migrateDatabase(env.DATABASE_URL);
process.stdout.write("database migrated\n");
