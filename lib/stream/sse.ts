/**
 * Server-Sent Events in both directions. Parsing leans on eventsource-parser, which copes
 * with any chunk boundary; TextDecoderStream copes with boundaries inside UTF-8 sequences.
 */
import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";
import type { StreamEvent } from "./events";

const encoder = new TextEncoder();

export function encodeSseEvent(event: StreamEvent): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(event)}\n\n`);
}

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
