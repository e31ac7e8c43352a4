/**
 * Several generations for one request (OpenAI's `n`) as one stream. Each choice is its own
 * provider stream, all running at once (the embedded engine gives each a sequence of its
 * LOCAL_PARALLEL; an upstream gets n requests), and their batches are passed on as they come,
 * each event wrapped with its choice's index. The merged stream keeps the contract: exactly one
 * terminal event, last. It is a `finish` once every choice has finished, preceded by one `usage`
 * (the prompt counted once, as OpenAI reports it, the completions summed), or the first `error`
 * any choice meets, which also stops the others: OpenAI fails the whole request too.
 */
import { errorEvent } from "./errors";
import type { EventBatch, StreamEvent, Usage } from "./events";

export async function* mergeChoices(produce: (signal: AbortSignal) => AsyncIterable<EventBatch>, n: number, signal: AbortSignal): AsyncGenerator<EventBatch> {
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const iterators = Array.from({ length: n }, () => produce(abort.signal)[Symbol.asyncIterator]());
  const next = (index: number) =>
    iterators[index].next().then(
      (result) => ({ index, result }),
      (cause: unknown) => ({ index, result: { done: false as const, value: [errorEvent("upstream_error", (cause as Error).message)] as EventBatch } }),
    );
  const pending = new Map(iterators.map((_, index) => [index, next(index)]));
  const usages: (Usage | undefined)[] = [];
  let warned = false;
  let aborted = false;
  try {
    while (pending.size) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        // A provider that ends without a terminal event breaks its contract: fail the request.
        yield [errorEvent("malformed_stream", "the reply ended without a finish")];
        return;
      }
      const out: StreamEvent[] = [];
      let finished = false;
      for (const event of result.value) {
        if (event.type === "error") {
          yield [...out, event];
          return;
        }
        if (event.type === "usage") usages[index] = event.usage;
        // Every choice answers the same request, so their warnings are the same: said once.
        else if (event.type === "warnings") {
          if (!warned) out.push(event);
          warned = true;
        } else if (event.type === "choice") continue;
        else {
          if (event.type === "finish") {
            finished = true;
            aborted ||= event.reason === "abort";
          }
          out.push({ type: "choice", index, event });
        }
        if (finished) break;
      }
      if (finished) pending.delete(index);
      else pending.set(index, next(index));
      if (pending.size === 0) {
        const known = usages.filter((u): u is Usage => u !== undefined);
        if (known.length === n) out.push({ type: "usage", usage: { promptTokens: known[0].promptTokens, completionTokens: known.reduce((sum, u) => sum + u.completionTokens, 0) } });
        out.push({ type: "finish", reason: aborted ? "abort" : "stop" });
      }
      if (out.length) yield out;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (pending.size) abort.abort();
    // Ends every choice still running (each releases its engine sequence or upstream request).
    await Promise.allSettled(iterators.map((iterator) => iterator.return?.(undefined)));
  }
}
