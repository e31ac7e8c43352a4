import { afterEach, describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../chat/events";
import { streamChat, type ChatRequestBody } from "./chat-stream";

const body: ChatRequestBody = { systemMessage: "", messages: [{ role: "user", content: "Hi" }], params: {} as ChatRequestBody["params"] };
const sse = (event: object) => `data: ${JSON.stringify(event)}\n\n`;

/** A response whose body delivers exactly these byte chunks, one per read. */
function respondWith(chunks: (string | Uint8Array)[], { error }: { error?: Error } = {}) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next !== undefined) controller.enqueue(typeof next === "string" ? encoder.encode(next) : next);
      else if (error) controller.error(error);
      else controller.close();
    },
  });
  vi.stubGlobal("fetch", vi.fn(async () => new Response(stream, { headers: { "Content-Type": "text/event-stream" } })));
}

async function collect(signal = new AbortController().signal): Promise<StreamEvent[][]> {
  const batches: StreamEvent[][] = [];
  for await (const batch of streamChat(body, signal)) batches.push(batch);
  return batches;
}

afterEach(() => vi.unstubAllGlobals());

describe("streamChat", () => {
  it("yields everything one read delivered as one batch", async () => {
    respondWith([sse({ type: "text-delta", text: "a" }) + sse({ type: "text-delta", text: "b" }), sse({ type: "text-delta", text: "c" }) + sse({ type: "finish", reason: "stop" })]);
    expect(await collect()).toEqual([
      [
        { type: "text-delta", text: "a" },
        { type: "text-delta", text: "b" },
      ],
      [
        { type: "text-delta", text: "c" },
        { type: "finish", reason: "stop" },
      ],
    ]);
  });

  it("copes with events and UTF-8 characters split across reads", async () => {
    const bytes = new TextEncoder().encode(sse({ type: "text-delta", text: "ü€" }));
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    respondWith([bytes.slice(0, cut), bytes.slice(cut), sse({ type: "finish", reason: "stop" })]);
    const events = (await collect()).flat();
    expect(events).toEqual([
      { type: "text-delta", text: "ü€" },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("stops at the terminal event: anything after it is dropped", async () => {
    respondWith([sse({ type: "finish", reason: "stop" }) + sse({ type: "text-delta", text: "late" }), sse({ type: "error", code: "timeout", message: "late" })]);
    expect((await collect()).flat()).toEqual([{ type: "finish", reason: "stop" }]);
  });

  it("passes on event types it does not know, for the store to ignore", async () => {
    respondWith([sse({ type: "reasoning-delta", text: "x" }) + sse({ type: "finish", reason: "stop" })]);
    expect((await collect()).flat().map((e) => e.type)).toEqual(["reasoning-delta", "finish"]);
  });

  it("a stream that ends without a terminal event ends with connection_dropped", async () => {
    respondWith([sse({ type: "text-delta", text: "a" })]);
    const events = (await collect()).flat();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: "error", code: "connection_dropped" });
  });

  it("a read that fails keeps the events before it and ends with exactly one terminal event", async () => {
    respondWith([sse({ type: "text-delta", text: "a" })], { error: new TypeError("network") });
    const events = (await collect()).flat();
    expect(events.map((e) => e.type)).toEqual(["text-delta", "error"]);
  });

  it("an aborted request ends with finish: abort", async () => {
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init: RequestInit) => Promise.reject(init.signal?.reason ?? new Error("aborted"))));
    const controller = new AbortController();
    controller.abort();
    expect((await collect(controller.signal)).flat()).toEqual([{ type: "finish", reason: "abort" }]);
  });

  it("an error status becomes one error event with the server's code, message and Retry-After", async () => {
    const answer = { error: { code: "rate_limited", message: "Too many requests." } };
    vi.stubGlobal("fetch", vi.fn(async () => Response.json(answer, { status: 429, headers: { "Retry-After": "7" } })));
    expect((await collect()).flat()).toEqual([{ type: "error", code: "rate_limited", message: "Too many requests.", retryAfter: 7 }]);
  });

  it("unreadable event data ends the stream with malformed_stream", async () => {
    respondWith(["data: {not json\n\n", sse({ type: "text-delta", text: "never" })]);
    expect((await collect()).flat()).toEqual([expect.objectContaining({ type: "error", code: "malformed_stream" })]);
  });
});
