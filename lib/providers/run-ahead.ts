/**
 * Lets a producer that makes events one step at a time (the embedded engine: one token per
 * native evaluation) run ahead of its consumer. Without it, a lazy generator evaluates the next
 * token only after the previous one has been written to the socket, so every token pays the
 * whole route's latency in series. Here the producer keeps going while the consumer writes, and
 * each pull takes everything made since the last one as one batch. Bounded: a slow reader
 * pauses the producer once `maxBuffered` events wait.
 */
import type { EventBatch, StreamEvent } from "../chat/events";

export async function* runAhead(source: AsyncIterable<EventBatch>, maxBuffered = 1024): AsyncGenerator<EventBatch> {
  const iterator = source[Symbol.asyncIterator]();
  let queue: StreamEvent[] = [];
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const wake = (which: "consumer" | "producer") => {
    const resolve = which === "consumer" ? wakeConsumer : wakeProducer;
    if (which === "consumer") wakeConsumer = undefined;
    else wakeProducer = undefined;
    resolve?.();
  };

  const producing = (async () => {
    try {
      while (!stopped) {
        const { done, value } = await iterator.next();
        if (done) break;
        for (const event of value) queue.push(event);
        wake("consumer");
        if (queue.length >= maxBuffered && !stopped) await new Promise<void>((resolve) => (wakeProducer = resolve));
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      wake("consumer");
    }
  })();

  try {
    for (;;) {
      if (queue.length) {
        const batch = queue;
        queue = [];
        wake("producer");
        yield batch;
      } else if (finished) {
        if (failure) throw failure.error;
        return;
      } else {
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    }
  } finally {
    // The consumer left early (the client went away): let the producer finish its step and stop.
    stopped = true;
    wake("producer");
    if (!finished) void producing.then(() => iterator.return?.(undefined)).catch(() => {});
  }
}
