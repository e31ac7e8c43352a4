/**
 * Reads an SSE response in tests, the standard way (web streams, eventsource-parser's stream):
 * deliberately not the code under test, which parses reads by hand on the hot path.
 */
import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";

export function parseSse(body: ReadableStream<Uint8Array>): ReadableStream<EventSourceMessage> {
  return body
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
    .pipeThrough(new EventSourceParserStream());
}

/** Turns a ReadableStream into an async iterable and cancels it when the consumer stops early. */
export async function* iterate<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
