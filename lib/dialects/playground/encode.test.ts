import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../chat/events";
import { iterate, parseSse } from "../../testing/sse";
import { encodePlaygroundEvents } from "./encode";

const EVENTS: StreamEvent[] = [
  { type: "warnings", warnings: [{ setting: "Seed", message: "not sent" }] },
  { type: "text-delta", text: "Héllo 👋🏽 " },
  { type: "text-delta", text: "世界\nnew line: data: not a field" },
  { type: "tool-call-delta", index: 0, id: "call_1", name: "f", argumentsDelta: '{"a":' },
  { type: "usage", usage: { promptTokens: 3, completionTokens: 4 } },
  { type: "finish", reason: "stop", signature: "sig" },
];

async function parseAll(chunks: Uint8Array[]): Promise<string[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  const out: string[] = [];
  for await (const message of iterate(parseSse(body))) out.push(message.data);
  return out;
}

describe("playground SSE encoder", () => {
  it("writes a batch as one string that any SSE reader splits back into the same events, wherever the bytes break", async () => {
    const bytes = Buffer.from(encodePlaygroundEvents(EVENTS));
    const expected = EVENTS.map((e) => JSON.stringify(e));
    for (let i = 0; i <= bytes.length; i++) {
      expect(await parseAll([bytes.subarray(0, i), bytes.subarray(i)]), `split at ${i}`).toEqual(expected);
    }
  });
});
