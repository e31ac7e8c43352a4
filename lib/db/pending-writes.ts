/**
 * Share writes under way (create, revoke, purge), so graceful shutdown can let them complete
 * before the process exits. On globalThis: the routes and instrumentation are bundled apart.
 */
const holder = globalThis as typeof globalThis & { __pendingShareWrites?: Set<Promise<unknown>> };
const writes = (holder.__pendingShareWrites ??= new Set());

export const pendingWrites = (): ReadonlySet<Promise<unknown>> => writes;

/** Runs `write` and keeps it in pendingWrites until it settles. */
export function trackWrite<T>(write: Promise<T>): Promise<T> {
  writes.add(write);
  const done = () => void writes.delete(write);
  write.then(done, done);
  return write;
}
