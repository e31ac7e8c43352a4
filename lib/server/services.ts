/**
 * The one place the server's services are wired: the database opened (and migrated) once, on
 * first use or at server start (instrumentation.ts), the share service with its reply verifier,
 * the prompt libraries, writes tracked for graceful shutdown, and the hourly purge of expired
 * snapshots and old usage.
 */
import "server-only";
import { openRepositories } from "../db";
import { trackWrite } from "../db/pending-writes";
import type { PromptRepository } from "../db/prompt-repository";
import { usageDay, USAGE_KEPT_DAYS, type UsageRepository } from "../db/usage-repository";
import { startExpiryPurge } from "../shares/server/expiry-purge";
import { createShareService, type ShareService } from "../shares/server/share-service";
import { verifyReply } from "../signing/reply-signature";

interface Opened {
  shares: ShareService;
  usage: UsageRepository;
  prompts: PromptRepository;
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
    const opening = openRepositories().then(({ shares, usage, prompts }) => {
      const service = withTrackedWrites(createShareService(shares, undefined, verifyReply));
      // Expired snapshots are erased now and hourly, and usage older than it is kept;
      // once per process, as this promise is cached.
      startExpiryPurge(async () => {
        await usage.deleteBefore(usageDay(new Date(Date.now() - USAGE_KEPT_DAYS * 86_400_000)));
        return service.purgeExpired();
      });
      return { shares: service, usage: { ...usage, record: (entry) => trackWrite(usage.record(entry)) } satisfies UsageRepository, prompts: withTrackedPromptWrites(prompts) };
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

export const getPromptRepository = async (): Promise<PromptRepository> => (await database()).prompts;

/** Graceful shutdown lets these complete before the process exits (lib/server/lifecycle/shutdown.ts). */
function withTrackedWrites(service: ShareService): ShareService {
  return {
    ...service,
    create: (...args) => trackWrite(service.create(...args)),
    revoke: (...args) => trackWrite(service.revoke(...args)),
    purgeExpired: () => trackWrite(service.purgeExpired()),
  };
}

function withTrackedPromptWrites(repository: PromptRepository): PromptRepository {
  return {
    ...repository,
    insert: (...args) => trackWrite(repository.insert(...args)),
    addVersion: (...args) => trackWrite(repository.addVersion(...args)),
    insertVersions: (...args) => trackWrite(repository.insertVersions(...args)),
    update: (...args) => trackWrite(repository.update(...args)),
    remove: (...args) => trackWrite(repository.remove(...args)),
  };
}
