/** The embedded default: one SQLite file in WAL mode, nothing to install, migrated on open. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

export interface SqliteConnection {
  sqlite: Database.Database;
  db: BetterSQLite3Database;
}

export function openSqliteConnection(file: string, migrationsFolder: string): SqliteConnection {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  // Freed space (a revoked or purged snapshot) is overwritten with zeros, not just marked free.
  sqlite.pragma("secure_delete = ON");
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}
