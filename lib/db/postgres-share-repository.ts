/** PostgreSQL, for several app instances behind a load balancer (DATABASE_URL). */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import { isLive, toRecord, type ShareRepository } from "./share-repository";
import { shares } from "./schema-postgres";

/** Any constant: instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_336_142_001;

export async function openPostgresShareRepository(connectionString: string, migrationsFolder: string): Promise<ShareRepository> {
  // A database that does not answer fails the request in seconds instead of hanging it (pg waits forever by default).
  const pool = new Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = drizzle(pool);
  const lock = await pool.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder });
  } finally {
    await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    lock.release();
  }

  return {
    async insertOrReuse(row, now) {
      return db.transaction(async (tx) => {
        // Row lock on the key's holder: a concurrent create with the same content waits here.
        const [holder] = await tx.select().from(shares).where(eq(shares.dedupeKey, row.dedupeKey)).for("update");
        if (holder && isLive(holder, now)) return { share: toRecord(holder), reused: true };
        if (holder) await tx.update(shares).set({ dedupeKey: null }).where(eq(shares.id, holder.id));
        const inserted = await tx.insert(shares).values(row).onConflictDoNothing({ target: shares.dedupeKey }).returning();
        if (inserted.length) return { share: toRecord(row), reused: false };
        // Lost a race with a create that committed after our select: theirs is the link.
        const [winner] = await tx.select().from(shares).where(eq(shares.dedupeKey, row.dedupeKey));
        return { share: toRecord(winner), reused: true };
      });
    },

    async find(id, now) {
      const [row] = await db.select().from(shares).where(eq(shares.id, id));
      if (!row) return { status: "missing" };
      return isLive(row, now) ? { status: "live", share: toRecord(row) } : { status: "gone" };
    },

    async revoke(id, revokeTokenHash, now) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(shares).where(eq(shares.id, id)).for("update");
        if (!row) return "missing";
        if (row.revokeTokenHash !== revokeTokenHash) return "forbidden";
        if (row.revokedAt) return "already-revoked";
        await tx.update(shares).set({ revokedAt: now, dedupeKey: null, snapshot: "" }).where(eq(shares.id, id));
        return "revoked";
      });
    },

    async close() {
      await pool.end();
    },
  };
}
