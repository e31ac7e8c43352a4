/**
 * The hand-off between a producer that pushes events as they come (an upstream's network reads,
 * the engine's steps) and the consumer that pulls batches (the route writing SSE). Each pull
 * takes everything queued since the last one as one batch: a consumer that fell behind catches
 * up with one write, not one per read, so a loaded server makes fewer, larger writes instead of
 * a growing backlog. A producer that pushes from event callbacks (a socket's `data`) costs no
 * promise per read, and a pull that finds events waiting is answered at once; only a pull that
 * has to wait costs one promise. Bounded: `push` says when `highWater` events wait, and the
 * producer pauses until `resume`. Lazy, as a generator is: the producer starts at the first pull.
 *
 * `minIntervalMs` sets a cadence: a batch is handed over no sooner than that long after the
 * previous one (the first, and the end, at once). For a producer that makes one event at a time
 * faster than anyone reads (the engine), this turns one socket write per token into one per
 * interval; events slower than the cadence still go out the moment they come, and so does a
 * queue that has filled up (a producer at full speed is never paused by the cadence).
 */
import type { EventBatch, StreamEvent } from "../chat/events";

export interface BatchSink {
  /** Queues events; false once `highWater` or more are waiting (pause until `resume` is called). */
  push(events: readonly StreamEvent[]): boolean;
  /** Nothing more will come; the consumer gets what is queued, then the end. */
  close(): void;
  /** The producer broke: after what is queued, the consumer's next pull throws `error`. */
  fail(error: unknown): void;
}

export interface BatchProducer {
  /** The queue has emptied after `push` returned false: go on. */
  resume?(): void;
  /** The consumer left before the end: stop and let go of what the producer holds. */
  cancel?(): void;
}

export interface BatchQueueOptions {
  /** Events waiting before `push` asks the producer to pause. */
  highWater?: number;
  /** The least time between two batches handed over, in ms (0: each pull is answered at once). */
  minIntervalMs?: number;
}

export function batchQueue(
  start: (sink: BatchSink) => BatchProducer | void,
  { highWater = 1024, minIntervalMs = 0 }: BatchQueueOptions = {},
): AsyncIterableIterator<EventBatch> {
  let queue: StreamEvent[] = [];
  let closed = false;
  let cancelled = false;
  let failure: { error: unknown } | undefined;
  let paused = false;
  let producer: BatchProducer | undefined;
  let started = false;
  /** Pulls waiting for events, in the order they came. */
  const waiting: { resolve(result: IteratorResult<EventBatch>): void; reject(error: unknown): void }[] = [];
  /** When the last batch was handed over (the cadence only). */
  let lastHandedAt = -Infinity;
  /** Wakes the waiting pull once the cadence allows the next batch. */
  let cadenceTimer: NodeJS.Timeout | undefined;

  /**
   * Whether the next batch must wait for the cadence; if so, arms the timer that hands it over.
   * A full queue goes at once: holding it would pause a fast producer for the rest of the interval.
   */
  const heldByCadence = (): boolean => {
    if (minIntervalMs <= 0) return false;
    if (closed || queue.length >= highWater) {
      clearTimeout(cadenceTimer);
      cadenceTimer = undefined;
      // Handed over early, but still a hand-over: the next interval counts from here.
      if (!closed) lastHandedAt = performance.now();
      return false;
    }
    // The hand-over is already booked (no clock read per push while it waits).
    if (cadenceTimer) return true;
    const now = performance.now();
    const wait = lastHandedAt + minIntervalMs - now;
    if (wait <= 0) {
      lastHandedAt = now;
      return false;
    }
    cadenceTimer ??= setTimeout(() => {
      cadenceTimer = undefined;
      wake();
    }, wait);
    return true;
  };

  const take = (): IteratorResult<EventBatch> | undefined => {
    if (queue.length) {
      if (heldByCadence()) return undefined;
      const batch = queue;
      queue = [];
      if (paused) {
        paused = false;
        producer?.resume?.();
      }
      return { done: false, value: batch };
    }
    if (failure) throw failure.error;
    if (closed) return { done: true, value: undefined };
    return undefined;
  };
  const wake = () => {
    while (waiting.length) {
      let result;
      try {
        result = take();
      } catch (error) {
        waiting.shift()!.reject(error);
        continue;
      }
      if (!result) return;
      waiting.shift()!.resolve(result);
    }
  };

  const sink: BatchSink = {
    push(events) {
      if (closed || cancelled) return true;
      for (const event of events) queue.push(event);
      wake();
      if (queue.length >= highWater) paused = true;
      return !paused;
    },
    close() {
      closed = true;
      wake();
    },
    fail(error) {
      if (closed || cancelled) return;
      failure = { error };
      closed = true;
      wake();
    },
  };

  return {
    next() {
      // Nothing is asked of the producer before the first pull, as with a generator.
      if (!started) {
        started = true;
        producer = start(sink) || undefined;
      }
      try {
        const result = take();
        if (result) return Promise.resolve(result);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      clearTimeout(cadenceTimer);
      if (started && !closed && !cancelled) {
        cancelled = true;
        producer?.cancel?.();
      }
      started = true;
      queue = [];
      failure = undefined;
      closed = true;
      wake();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
