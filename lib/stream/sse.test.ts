import { describe, expect, it } from "vitest";
import { openAiStream, streamBytes } from "../testing/openai-wire";
import type { StreamEvent } from "./events";
import { encodeSseEvent, iterate, parseSse } from "./sse";

const EVENTS: StreamEvent[] = [
  { type: "text-delta", text: "Héllo 👋🏽 " },
  { type: "text-delta", text: "世界\nnew line: data: not a field" },
  { type: "tool-call-delta", index: 0, id: "call_1", name: "f", argumentsDelta: '{"a":' },
  { type: "usage", usage: { promptTokens: 3, completionTokens: 4 } },
  { type: "finish", reason: "stop" },
];

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function parseAll(chunks: Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for await (const message of iterate(parseSse(streamOf(chunks)))) out.push(message.data);
  return out;
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe("SSE", () => {
  it("round-trips our events when the bytes are split at every possible offset", async () => {
    const bytes = concat(EVENTS.map(encodeSseEvent));
    const expected = EVENTS.map((e) => JSON.stringify(e));
    // Every split into two pieces, including every split inside a multi-byte UTF-8 character.
    for (let i = 0; i <= bytes.length; i++) {
      const parsed = await parseAll([bytes.subarray(0, i), bytes.subarray(i)]);
      expect(parsed, `split at ${i}`).toEqual(expected);
    }
    // And one byte at a time.
    expect(await parseAll([...bytes].map((b) => Uint8Array.of(b)))).toEqual(expected);
  });

  it("parses a recorded OpenAI stream split at every pair of offsets three bytes apart", async () => {
    const bytes = streamBytes(openAiStream());
    const full = await parseAll([bytes]);
    expect(full.at(-1)).toBe("[DONE]");
    for (let i = 0; i < bytes.length; i += 3) {
      for (let j = i; j < bytes.length; j += 7) {
        expect(await parseAll([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(full);
      }
    }
  });

  it("handles CRLF line endings, comments and multi-line data", async () => {
    const text = ": keep-alive\r\n\r\nevent: message\r\ndata: a\r\ndata: b\r\n\r\n";
    expect(await parseAll([new TextEncoder().encode(text)])).toEqual(["a\nb"]);
  });
});
