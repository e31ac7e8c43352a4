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
    // The two text deltas side by side go out as one.
    const expected = [EVENTS[0], { type: "text-delta", text: "Héllo 👋🏽 世界\nnew line: data: not a field" }, ...EVENTS.slice(3)].map((e) => JSON.stringify(e));
    for (let i = 0; i <= bytes.length; i++) {
      expect(await parseAll([bytes.subarray(0, i), bytes.subarray(i)]), `split at ${i}`).toEqual(expected);
    }
  });

  it("joins only text deltas that are side by side and of one block, keeping every other event in its place", () => {
    const batch: StreamEvent[] = [
      { type: "text-delta", text: "a" },
      { type: "text-delta", text: "b" },
      { type: "logprobs", tokens: [{ token: "b", logprob: -1 }] },
      { type: "text-delta", text: "c" },
      { type: "text-delta", text: "d", block: 1 },
      { type: "text-delta", text: "e", block: 1 },
      { type: "text-delta", text: "f" },
    ];
    const events = encodePlaygroundEvents(batch)
      .split("\n\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line.slice("data: ".length)));
    expect(events).toEqual([
      { type: "text-delta", text: "ab" },
      { type: "logprobs", tokens: [{ token: "b", logprob: -1 }] },
      { type: "text-delta", text: "c" },
      { type: "text-delta", text: "de", block: 1 },
      { type: "text-delta", text: "f" },
    ]);
    expect(batch[0]).toEqual({ type: "text-delta", text: "a" }); // the batch itself is left as it was
  });
});
