/** The embedded default: one SQLite file in WAL mode, nothing to install. */
import { and, eq, lte, ne } from "drizzle-orm";
import { isLive, toRecord, type ShareRepository } from "./share-repository";
import { shares } from "./schema-sqlite";
import { openSqliteConnection, type SqliteConnection } from "./sqlite-connection";

/** A share repository with a connection of its own (the repository suite's way in). */
export const openSqliteShareRepository = (file: string, migrationsFolder: string): ShareRepository =>
  sqliteShareRepository(openSqliteConnection(file, migrationsFolder));

export function sqliteShareRepository({ sqlite, db }: SqliteConnection): ShareRepository {
  /**
   * The old text also sits in the WAL's earlier frames until a checkpoint; TRUNCATE copies the
   * zeroed pages into the database file and empties the WAL (it waits for readers up to busy_timeout).
   */
  const erase = () => {
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    if (result?.busy) console.warn("Share storage: a reader blocked the WAL checkpoint; erased text stays in playground.db-wal until the next one.");
  };

  return {
    async insertOrReuse(row, now) {
      // better-sqlite3 transactions are synchronous; "immediate" takes the write lock up front so two
      // processes sharing the file serialise instead of failing on lock upgrade.
      return db.transaction(
        (tx) => {
          if (row.dedupeKey === null) {
            tx.insert(shares).values(row).run();
            return { share: toRecord(row), reused: false };
          }
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

    async liveness(id, now) {
      const row = db.select({ revokedAt: shares.revokedAt, expiresAt: shares.expiresAt }).from(shares).where(eq(shares.id, id)).get();
      if (!row) return { status: "missing" };
      return isLive(row, now) ? { status: "live", expiresAt: row.expiresAt } : { status: "gone" };
    },

    async revoke(id, revokeTokenHash, now) {
      const outcome = db.transaction(
        (tx) => {
          const row = tx.select().from(shares).where(eq(shares.id, id)).get();
          if (!row) return "missing";
          if (row.revokeTokenHash !== revokeTokenHash) return "forbidden";
          if (row.revokedAt) return "already-revoked";
          tx.update(shares).set({ revokedAt: now, dedupeKey: null, snapshot: "" }).where(eq(shares.id, id)).run();
          return "revoked" as const;
        },
        { behavior: "immediate" },
      );
      if (outcome === "revoked") erase();
      return outcome;
    },

    async purgeExpired(now) {
      const { changes } = db
        .update(shares)
        .set({ snapshot: "", dedupeKey: null })
        .where(and(lte(shares.expiresAt, now), ne(shares.snapshot, "")))
        .run();
      if (changes) erase();
      return changes;
    },

    async close() {
      sqlite.close();
    },
  };
}

