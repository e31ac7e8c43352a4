/** PostgreSQL, for several app instances behind a load balancer (DATABASE_URL), migrated on open. */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";

export interface PostgresConnection {
  pool: Pool;
  db: NodePgDatabase;
}

/** Any constant: instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_336_142_001;

export async function openPostgresConnection(connectionString: string, migrationsFolder: string): Promise<PostgresConnection> {
  // A database that does not answer fails the request in seconds instead of hanging it (pg waits forever by default).
  const pool = new Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = drizzle(pool);
  try {
    const lock = await pool.connect();
    try {
      await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      lock.release();
    }
  } catch (error) {
    // A failed open leaves nothing behind: the next attempt makes its own pool.
    await pool.end().catch(() => {});
    throw error;
  }
  return { pool, db };
}
