import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema-postgres.ts",
  out: "./lib/db/migrations/postgres",
});
