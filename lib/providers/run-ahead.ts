/**
 * Lets a producer that makes events one step at a time (the embedded engine: one token per
 * native evaluation) run ahead of its consumer. Without it, a lazy generator evaluates the next
 * token only after the previous one has been written to the socket, so every token pays the
 * whole route's latency in series. Here the producer keeps going while the consumer writes, and
 * each pull takes everything made since the last one as one batch (./batch-queue). Bounded: a
 * slow reader pauses the producer once `highWater` events wait; `minIntervalMs` paces the batches.
 */
import type { EventBatch } from "../chat/events";
import { batchQueue, type BatchQueueOptions } from "./batch-queue";

export function runAhead(source: AsyncIterable<EventBatch>, options: BatchQueueOptions = {}): AsyncIterableIterator<EventBatch> {
  return batchQueue((sink) => {
    const iterator = source[Symbol.asyncIterator]();
    let stopped = false;
    let resume: (() => void) | undefined;
    const pump = async () => {
      try {
        while (!stopped) {
          const { done, value } = await iterator.next();
          if (done || stopped) break;
          if (!sink.push(value) && !stopped) await new Promise<void>((resolve) => (resume = resolve));
        }
        sink.close();
      } catch (error) {
        sink.fail(error);
      }
    };
    const pumping = pump();
    return {
      resume() {
        const wake = resume;
        resume = undefined;
        wake?.();
      },
      cancel() {
        // The consumer left early (the client went away): let the producer finish its step and stop.
        stopped = true;
        this.resume?.();
        void pumping.then(() => iterator.return?.(undefined)).catch(() => {});
      },
    };
  }, options);
}
