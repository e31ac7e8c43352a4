import "server-only";
import { isTerminal, type StreamEvent } from "../stream/events";
import { encodeSseEvent } from "../stream/sse";
import { errorEvent } from "../providers/upstream-errors";

/**
 * Streams provider events as SSE. Pull-based, so a slow reader slows the upstream instead of
 * buffering; cancelling (tab closed, Stop) aborts the provider. Guarantees exactly one
 * terminal event, whatever the provider does.
 */
export function sseResponse(
  produce: (signal: AbortSignal) => AsyncIterable<StreamEvent>,
  requestSignal: AbortSignal,
  /** Our StreamEvent format by default; /api/v1 speaks OpenAI's. */
  encode: (event: StreamEvent) => Uint8Array = encodeSseEvent,
): Response {
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  requestSignal.addEventListener("abort", onAbort, { once: true });
  const iterator = produce(abort.signal)[Symbol.asyncIterator]();
  let ended = false;

  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, last?: StreamEvent) => {
    if (last) controller.enqueue(encode(last));
    ended = true;
    requestSignal.removeEventListener("abort", onAbort);
    controller.close();
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (ended) return;
      try {
        const { done, value } = await iterator.next();
        if (done) return finish(controller, errorEvent("malformed_stream", "the reply ended without a finish"));
        if (isTerminal(value)) {
          finish(controller, value);
          await iterator.return?.();
          return;
        }
        controller.enqueue(encode(value));
      } catch (cause) {
        finish(controller, errorEvent("upstream_error", (cause as Error).message));
      }
    },
    async cancel() {
      ended = true;
      abort.abort();
      await iterator.return?.();
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
