/**
 * Something that watches (and may amend) each batch of a reply as it passes, synchronously, and
 * hears when the reply is over: charging tokens, signing a reply. Run inside the one pass from
 * upstream read to write, so watching costs no extra await per batch (an async generator
 * wrapper per concern would add a promise chain per read).
 */
import type { EventBatch } from "./events";

export interface BatchObserver {
  batch(batch: EventBatch): EventBatch;
  /** The reply is over (finished, failed or abandoned by the client). */
  end?(): void;
}

/** For consumers that are not sse-response (a non-streamed answer): the same observers over an iterable. */
export async function* observeBatches(batches: AsyncIterable<EventBatch>, observers: readonly BatchObserver[]): AsyncGenerator<EventBatch> {
  try {
    for await (let batch of batches) {
      for (const observer of observers) batch = observer.batch(batch);
      yield batch;
    }
  } finally {
    for (const observer of observers) observer.end?.();
  }
}
