import "server-only";
import { errorEvent } from "../../chat/errors";
import type { BatchObserver } from "../../chat/batch-observer";
import { isTerminal, type ErrorEvent, type EventBatch } from "../../chat/events";

const encoder = new TextEncoder();

/**
 * Streams still running, each with a way to end it now with an error event (its one terminal
 * event). Graceful shutdown (lib/server/lifecycle/shutdown.ts) waits for them, then ends the rest. On
 * globalThis: route handlers and instrumentation are bundled apart and must share one registry.
 */
const registry = globalThis as typeof globalThis & { __activeStreams?: Set<(event: ErrorEvent) => void> };
const activeStreams = (registry.__activeStreams ??= new Set());

export const activeStreamCount = () => activeStreams.size;

/** Ends every running stream with `event` instead of its remaining reply. */
export function endActiveStreams(event: ErrorEvent): number {
  const ending = [...activeStreams];
  for (const end of ending) end(event);
  return ending.length;
}

export interface SseOptions {
  /** A dialect's encoder: one batch in, the bytes of one write out. */
  encode: (batch: EventBatch) => string;
  /**
   * When the stream fails before anything was sent, answer with this instead of a 200 stream
   * (OpenAI clients expect the real status and Retry-After). Absent: the error goes in the stream.
   */
  earlyError?: (event: ErrorEvent) => Response;
  /** Watch each batch on its way out (token charges, signatures), in the same pass. */
  observers?: readonly BatchObserver[];
}

/**
 * Streams a provider's batches as SSE: each batch is encoded and written at once (one enqueue),
 * so the route adds one await per upstream read, not per token. Pull-based, so a slow reader
 * slows the upstream instead of buffering; cancelling (tab closed, Stop) aborts the provider.
 * Guarantees exactly one terminal event, whatever the provider does.
 */
export async function sseResponse(
  produce: (signal: AbortSignal) => AsyncIterable<EventBatch>,
  requestSignal: AbortSignal,
  { encode, earlyError, observers = [] }: SseOptions,
): Promise<Response> {
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  requestSignal.addEventListener("abort", onAbort, { once: true });
  const iterator = startProducing(produce, abort.signal);
  let ended = false;

  /** The batch up to and including its terminal event, and whether it ends the stream. */
  const nextBatch = async (): Promise<{ batch: EventBatch; last: boolean }> => {
    try {
      const { done, value } = await iterator.next();
      if (done) return { batch: [errorEvent("malformed_stream", "the reply ended without a finish")], last: true };
      // Observers first: one may end the reply (the served API turns a warning into an error).
      let batch = value;
      for (const observer of observers) batch = observer.batch(batch);
      const end = batch.findIndex(isTerminal);
      if (end >= 0 && end < batch.length - 1) batch = batch.slice(0, end + 1);
      return { batch, last: end >= 0 };
    } catch (cause) {
      return { batch: [errorEvent("upstream_error", (cause as Error).message)], last: true };
    }
  };
  const close = async () => {
    if (!ended) for (const observer of observers) observer.end?.();
    ended = true;
    activeStreams.delete(endNow);
    requestSignal.removeEventListener("abort", onAbort);
    await iterator.return?.(undefined);
  };

  // With earlyError, the first batch decides the status: a stream that fails before sending
  // anything can still answer with a real HTTP error. Warnings alone do not count as content.
  // Without it (our own /api/chat: errors travel in the stream), the headers go out at once and
  // the server writes them while the upstream is still being asked.
  let first: { batch: EventBatch; last: boolean } | undefined;
  if (earlyError) {
    first = await nextBatch();
    const pending: EventBatch[] = [];
    while (!first.last && first.batch.every((e) => e.type === "warnings")) {
      pending.push(first.batch);
      first = await nextBatch();
    }
    const content = first.batch.filter((e) => e.type !== "warnings");
    if (first.last && content.length === 1 && content[0].type === "error") {
      await close();
      return earlyError(content[0]);
    }
    if (pending.length) first = { batch: [...pending.flat(), ...first.batch], last: first.last };
  }

  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  function endNow(event: ErrorEvent) {
    if (ended || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(encode([event])));
      controllerRef.close();
    } catch {
      /* the reader went away meanwhile */
    }
    abort.abort();
    void close();
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(encoder.encode(encode(first.batch)));
      if (first?.last) {
        controller.close();
        void close();
      } else {
        controllerRef = controller;
        activeStreams.add(endNow);
      }
    },
    async pull(controller) {
      if (ended) return;
      const { batch, last } = await nextBatch();
      if (ended) return;
      controller.enqueue(encoder.encode(encode(batch)));
      if (last) {
        controller.close();
        await close();
      }
    },
    async cancel() {
      abort.abort();
      if (!ended) await close();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/** A provider that throws while it sets its stream up fails that stream (the first pull), like one that throws later. */
function startProducing(produce: (signal: AbortSignal) => AsyncIterable<EventBatch>, signal: AbortSignal): AsyncIterator<EventBatch> {
  try {
    return produce(signal)[Symbol.asyncIterator]();
  } catch (cause) {
    return { next: () => Promise.reject(cause) };
  }
}
