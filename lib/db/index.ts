/**
 * The process's share repository: PostgreSQL when DATABASE_URL is set, else SQLite in the data
 * folder. Opened (and migrated) once, on first use or at server start (instrumentation.ts), which
 * also starts the purge of expired snapshots.
 */
import "server-only";
import path from "node:path";
import { getEnv } from "../env";
import { startExpiryPurge } from "../shares/expiry-purge";
import { createShareService, type ShareService } from "../shares/share-service";
import { verifyReply } from "../signing/reply-signature";
import { migrationsFolder } from "./migrations-folder";
import { trackWrite } from "./pending-writes";
import { openPostgresShareRepository } from "./postgres-share-repository";
import type { ShareRepository } from "./share-repository";
import { openSqliteShareRepository } from "./sqlite-share-repository";

export async function openShareRepository(env = getEnv()): Promise<ShareRepository> {
  if (env.DATABASE_URL) return openPostgresShareRepository(env.DATABASE_URL, migrationsFolder("postgres"));
  return openSqliteShareRepository(path.join(env.dataDir, "playground.db"), migrationsFolder("sqlite"));
}

// On globalThis so dev-mode module reloads reuse one connection pool.
const holder = globalThis as typeof globalThis & { __shareService?: Promise<ShareService> };

export function getShareService(): Promise<ShareService> {
  if (!holder.__shareService) {
    const opening = openShareRepository().then((repository) => {
      const service = withTrackedWrites(createShareService(repository, undefined, verifyReply));
      // Expired snapshots are erased now and hourly; once per process, as this promise is cached.
      startExpiryPurge(() => service.purgeExpired());
      return service;
    });
    // A failed open (database down) must not stick: the next request tries again.
    opening.catch(() => {
      if (holder.__shareService === opening) holder.__shareService = undefined;
    });
    holder.__shareService = opening;
  }
  return holder.__shareService;
}

/** Graceful shutdown lets these complete before the process exits (lib/server/shutdown.ts). */
function withTrackedWrites(service: ShareService): ShareService {
  return {
    ...service,
    create: (...args) => trackWrite(service.create(...args)),
    revoke: (...args) => trackWrite(service.revoke(...args)),
    purgeExpired: () => trackWrite(service.purgeExpired()),
  };
}
