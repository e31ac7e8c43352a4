/**
 * The context's sequences, lent one per request: a request that finds none free waits until one
 * is returned, or until it gives up (its signal aborts).
 */

/** What the pool needs of node-llama-cpp's LlamaContext. */
export interface SequenceSource<Sequence> {
  readonly sequencesLeft: number;
  getSequence(): Sequence;
}

export class SequencePool<Sequence extends { dispose(): unknown }> {
  private waiters: (() => void)[] = [];

  constructor(private readonly context: SequenceSource<Sequence>) {}

  /** Takes a free sequence, waiting for one if all are busy; undefined when the caller gave up first. */
  async acquire(signal: AbortSignal): Promise<Sequence | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      // Checked and taken in one synchronous step, so two woken waiters cannot race for one sequence.
      if (this.context.sequencesLeft > 0) return this.context.getSequence();
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
  }

  /** Returns a sequence to the context: disposing it frees its slot for the next request. */
  release(sequence: Sequence): void {
    sequence.dispose();
    // Wake every waiter: each re-checks for a free sequence, and stale (aborted) ones just leave.
    for (const wake of this.waiters.splice(0)) wake();
  }
}
