/** The embedded default: one SQLite file in WAL mode, nothing to install. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { isLive, toRecord, type ShareRepository } from "./share-repository";
import { shares } from "./schema-sqlite";

export function openSqliteShareRepository(file: string, migrationsFolder: string): ShareRepository {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder });

  return {
    async insertOrReuse(row, now) {
      // better-sqlite3 transactions are synchronous; "immediate" takes the write lock up front so two
      // processes sharing the file serialise instead of failing on lock upgrade.
      return db.transaction(
        (tx) => {
          const holder = tx.select().from(shares).where(eq(shares.dedupeKey, row.dedupeKey)).get();
          if (holder && isLive(holder, now)) return { share: toRecord(holder), reused: true };
          if (holder) tx.update(shares).set({ dedupeKey: null }).where(eq(shares.id, holder.id)).run();
          tx.insert(shares).values(row).run();
          return { share: toRecord(row), reused: false };
        },
        { behavior: "immediate" },
      );
    },

    async find(id, now) {
      const row = db.select().from(shares).where(eq(shares.id, id)).get();
      if (!row) return { status: "missing" };
      return isLive(row, now) ? { status: "live", share: toRecord(row) } : { status: "gone" };
    },

    async revoke(id, revokeTokenHash, now) {
      return db.transaction(
        (tx) => {
          const row = tx.select().from(shares).where(eq(shares.id, id)).get();
          if (!row) return "missing";
          if (row.revokeTokenHash !== revokeTokenHash) return "forbidden";
          if (row.revokedAt) return "already-revoked";
          tx.update(shares).set({ revokedAt: now, dedupeKey: null, snapshot: "" }).where(eq(shares.id, id)).run();
          return "revoked";
        },
        { behavior: "immediate" },
      );
    },

    async close() {
      sqlite.close();
    },
  };
}

