/**
 * Expired links stop answering at their expiry time (isLive), but their content stays until
 * erased: this runs the purge at start and then every `intervalMs`. The timer is unref'd so it
 * never keeps a process (a test, a build) alive on its own.
 */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function startExpiryPurge(purge: () => Promise<number>, intervalMs = PURGE_INTERVAL_MS): () => void {
  const run = () =>
    purge().then(
      (erased) => {
        if (erased) console.info(`Erased ${erased} expired share link${erased === 1 ? "" : "s"}.`);
      },
      (error: Error) => console.error(`Purging expired share links failed: ${error.message}`),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
