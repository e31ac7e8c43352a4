/** PostgreSQL, for several app instances behind a load balancer (DATABASE_URL). */
import { and, eq, lte, ne } from "drizzle-orm";
import { openPostgresConnection, type PostgresConnection } from "./postgres-connection";
import { isLive, toRecord, type ShareRepository } from "./share-repository";
import { shares } from "./schema-postgres";

/** A share repository with a connection of its own (the repository suite's way in). */
export const openPostgresShareRepository = async (connectionString: string, migrationsFolder: string): Promise<ShareRepository> =>
  postgresShareRepository(await openPostgresConnection(connectionString, migrationsFolder));

export function postgresShareRepository({ pool, db }: PostgresConnection): ShareRepository {
  /**
   * The revoke's UPDATE leaves the old row version (and its TOAST chunks) on disk as a dead tuple;
   * VACUUM removes it. Coalesced: at most one running and one queued, however many revokes.
   */
  const vacuum = coalesced(async () => {
    await pool.query("vacuum shares").catch((error: Error) => console.error(`Share storage: VACUUM after erase failed: ${error.message}`));
  });

  return {
    async insertOrReuse(row, now) {
      if (row.dedupeKey === null) {
        await db.insert(shares).values(row);
        return { share: toRecord(row), reused: false };
      }
      const dedupeKey = row.dedupeKey;
      return db.transaction(async (tx) => {
        // Row lock on the key's holder: a concurrent create with the same content waits here.
        const [holder] = await tx.select().from(shares).where(eq(shares.dedupeKey, dedupeKey)).for("update");
        if (holder && isLive(holder, now)) return { share: toRecord(holder), reused: true };
        if (holder) await tx.update(shares).set({ dedupeKey: null }).where(eq(shares.id, holder.id));
        const inserted = await tx.insert(shares).values(row).onConflictDoNothing({ target: shares.dedupeKey }).returning();
        if (inserted.length) return { share: toRecord(row), reused: false };
        // Lost a race with a create that committed after our select: theirs is the link.
        const [winner] = await tx.select().from(shares).where(eq(shares.dedupeKey, dedupeKey));
        return { share: toRecord(winner), reused: true };
      });
    },

    async find(id, now) {
      const [row] = await db.select().from(shares).where(eq(shares.id, id));
      if (!row) return { status: "missing" };
      return isLive(row, now) ? { status: "live", share: toRecord(row) } : { status: "gone" };
    },

    async liveness(id, now) {
      const [row] = await db.select({ revokedAt: shares.revokedAt, expiresAt: shares.expiresAt }).from(shares).where(eq(shares.id, id));
      if (!row) return { status: "missing" };
      return isLive(row, now) ? { status: "live", expiresAt: row.expiresAt } : { status: "gone" };
    },

    async revoke(id, revokeTokenHash, now) {
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(shares).where(eq(shares.id, id)).for("update");
        if (!row) return "missing";
        if (row.revokeTokenHash !== revokeTokenHash) return "forbidden";
        if (row.revokedAt) return "already-revoked";
        await tx.update(shares).set({ revokedAt: now, dedupeKey: null, snapshot: "" }).where(eq(shares.id, id));
        return "revoked" as const;
      });
      if (outcome === "revoked") await vacuum();
      return outcome;
    },

    async purgeExpired(now) {
      const purged = await db
        .update(shares)
        .set({ snapshot: "", dedupeKey: null })
        .where(and(lte(shares.expiresAt, now), ne(shares.snapshot, "")))
        .returning({ id: shares.id });
      if (purged.length) await vacuum();
      return purged.length;
    },

    async close() {
      await pool.end();
    },
  };
}

/** Runs `task` at most once at a time; calls during a run share one follow-up run, which starts after it. */
function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (!running) {
      running = task().finally(() => {
        running = null;
      });
      return running;
    }
    // A run already under way may have started before the caller's commit: it needs one more.
    queued ??= running.then(() => {
      queued = null;
      return run();
    });
    return queued;
  };
  return run;
}
