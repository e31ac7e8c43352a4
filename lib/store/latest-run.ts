/**
 * Which run a conversation is streaming. A conversation streams one reply at a time: starting a
 * run aborts the one before, and only the latest run may end the streaming state, so a
 * superseded run that ends late (its abort is read asynchronously) leaves its successor
 * streaming. Each conversation instance owns one, so stopping one column leaves the others be.
 */
export interface LatestRun {
  /** Aborts the run before, if any, and returns the new run's controller. */
  start(): AbortController;
  /** Aborts the latest run; it ends itself once its stream has wound down. */
  abort(): void;
  /** Ends `run` if it is still the latest; true when it was (nothing is running now). */
  end(run: AbortController): boolean;
  readonly isRunning: boolean;
}

export function createLatestRun(): LatestRun {
  let controller: AbortController | undefined;
  return {
    start() {
      controller?.abort();
      return (controller = new AbortController());
    },
    abort() {
      controller?.abort();
    },
    end(run) {
      if (controller !== run) return false;
      controller = undefined;
      return true;
    },
    get isRunning() {
      return controller !== undefined;
    },
  };
}
