import { defineConfig } from "drizzle-kit";

// Only generates SQL from the schema; applying it is `pnpm db:migrate` (src/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "./drizzle",
});
