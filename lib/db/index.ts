/**
 * The process's storage: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder.
 * Shares, usage and prompt libraries are repositories on one connection. Storage only: the services built on
 * it, and the one copy a process keeps, are wired in lib/server/services.ts.
 */
import "server-only";
import path from "node:path";
import { getEnv } from "../env";
import { migrationsFolder } from "./migrations-folder";
import { openPostgresConnection } from "./postgres-connection";
import { postgresPromptRepository } from "./postgres-prompt-repository";
import { postgresShareRepository } from "./postgres-share-repository";
import type { PromptRepository } from "./prompt-repository";
import { postgresUsageRepository } from "./postgres-usage-repository";
import type { ShareRepository } from "./share-repository";
import { openSqliteConnection } from "./sqlite-connection";
import { sqlitePromptRepository } from "./sqlite-prompt-repository";
import { sqliteShareRepository } from "./sqlite-share-repository";
import { sqliteUsageRepository } from "./sqlite-usage-repository";
import type { UsageRepository } from "./usage-repository";

export interface Repositories {
  shares: ShareRepository;
  usage: UsageRepository;
  prompts: PromptRepository;
}

export async function openRepositories(env = getEnv()): Promise<Repositories> {
  if (env.DATABASE_URL) {
    const connection = await openPostgresConnection(env.DATABASE_URL, migrationsFolder("postgres"));
    return { shares: postgresShareRepository(connection), usage: postgresUsageRepository(connection), prompts: postgresPromptRepository(connection) };
  }
  const connection = openSqliteConnection(path.join(env.dataDir, "playground.db"), migrationsFolder("sqlite"));
  return { shares: sqliteShareRepository(connection), usage: sqliteUsageRepository(connection), prompts: sqlitePromptRepository(connection) };
}
