/**
 * How many compare columns may stream at once: the upstream's own limit (ModelsLab queues at
 * most 5 requests per account, the embedded engine has LOCAL_PARALLEL sequences). Columns past
 * it wait here, first come first served, and show "Queued" instead of a request that sits
 * unanswered upstream and skews its time to first token.
 */
export interface StreamSlots {
  acquire(signal: AbortSignal): Promise<() => void>;
  /** Changes the limit (the capabilities arrive after the page opened); waiters start if room appeared. */
  resize(limit: number): void;
}

export function createStreamSlots(initialLimit: number): StreamSlots {
  let limit = Math.max(1, initialLimit);
  let active = 0;
  const waiting: { start(): void }[] = [];

  const startWaiters = () => {
    while (active < limit && waiting.length) waiting.shift()!.start();
  };

  const releaseOnce = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      startWaiters();
    };
  };

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      if (active < limit && !waiting.length) {
        active++;
        return Promise.resolve(releaseOnce());
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          start() {
            signal.removeEventListener("abort", onAbort);
            active++;
            resolve(releaseOnce());
          },
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        waiting.push(waiter);
      });
    },
    resize(next) {
      limit = Math.max(1, next);
      startWaiters();
    },
  };
}
