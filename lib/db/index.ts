/**
 * The process's database: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder.
 * Opened (and migrated) once, on first use or at server start (instrumentation.ts), which also
 * starts the purge of expired snapshots. Shares and usage are two repositories on one connection.
 */
import "server-only";
import path from "node:path";
import { getEnv } from "../env";
import { startExpiryPurge } from "../shares/expiry-purge";
import { createShareService, type ShareService } from "../shares/share-service";
import { verifyReply } from "../signing/reply-signature";
import { migrationsFolder } from "./migrations-folder";
import { trackWrite } from "./pending-writes";
import { openPostgresConnection } from "./postgres-connection";
import { postgresShareRepository } from "./postgres-share-repository";
import { postgresUsageRepository } from "./postgres-usage-repository";
import type { ShareRepository } from "./share-repository";
import { openSqliteConnection } from "./sqlite-connection";
import { sqliteShareRepository } from "./sqlite-share-repository";
import { sqliteUsageRepository } from "./sqlite-usage-repository";
import { usageDay, USAGE_KEPT_DAYS, type UsageRepository } from "./usage-repository";

export interface Repositories {
  shares: ShareRepository;
  usage: UsageRepository;
}

export async function openRepositories(env = getEnv()): Promise<Repositories> {
  if (env.DATABASE_URL) {
    const connection = await openPostgresConnection(env.DATABASE_URL, migrationsFolder("postgres"));
    return { shares: postgresShareRepository(connection), usage: postgresUsageRepository(connection) };
  }
  const connection = openSqliteConnection(path.join(env.dataDir, "playground.db"), migrationsFolder("sqlite"));
  return { shares: sqliteShareRepository(connection), usage: sqliteUsageRepository(connection) };
}

interface Opened {
  shares: ShareService;
  usage: UsageRepository;
}

// On globalThis so dev-mode module reloads reuse one connection pool.
const holder = globalThis as typeof globalThis & { __database?: Promise<Opened>; __databaseFailed?: { at: number; error: Error } };

/** After a failed open, requests get that failure for this long before the next attempt. */
export const REOPEN_AFTER_MS = 5_000;

function database(): Promise<Opened> {
  // A database that is down is not asked again by every request (each reply records its usage).
  const failed = holder.__databaseFailed;
  if (!holder.__database && failed && performance.now() - failed.at < REOPEN_AFTER_MS) return Promise.reject(failed.error);
  if (!holder.__database) {
    const opening = openRepositories().then(({ shares, usage }) => {
      const service = withTrackedWrites(createShareService(shares, undefined, verifyReply));
      // Expired snapshots are erased now and hourly, and usage older than it is kept;
      // once per process, as this promise is cached.
      startExpiryPurge(async () => {
        await usage.deleteBefore(usageDay(new Date(Date.now() - USAGE_KEPT_DAYS * 86_400_000)));
        return service.purgeExpired();
      });
      return { shares: service, usage: { ...usage, record: (entry) => trackWrite(usage.record(entry)) } satisfies UsageRepository };
    });
    // A failed open (database down) must not stick: a request after REOPEN_AFTER_MS tries again.
    opening.then(
      () => (holder.__databaseFailed = undefined),
      (error: Error) => {
        if (holder.__database === opening) holder.__database = undefined;
        holder.__databaseFailed = { at: performance.now(), error };
      },
    );
    holder.__database = opening;
  }
  return holder.__database;
}

export const getShareService = async (): Promise<ShareService> => (await database()).shares;

export const getUsageRepository = async (): Promise<UsageRepository> => (await database()).usage;

/** Graceful shutdown lets these complete before the process exits (lib/server/shutdown.ts). */
function withTrackedWrites(service: ShareService): ShareService {
  return {
    ...service,
    create: (...args) => trackWrite(service.create(...args)),
    revoke: (...args) => trackWrite(service.revoke(...args)),
    purgeExpired: () => trackWrite(service.purgeExpired()),
  };
}
