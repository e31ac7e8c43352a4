import { describe, expect, it } from "vitest";
import { errorEvent } from "../../chat/errors";
import type { EventBatch, StreamEvent } from "../../chat/events";
import { encodePlaygroundEvents } from "../../dialects/playground/encode";
import { iterate, parseSse } from "../../testing/sse";
import { activeStreamCount, endActiveStreams, sseResponse } from "../http/sse-response";

describe("the registry of running streams (graceful shutdown)", () => {
  it("ends a running stream with the given error as its one terminal event, aborts the provider, and forgets it", async () => {
    let providerAborted = false;
    async function* endless(signal: AbortSignal): AsyncGenerator<EventBatch> {
      signal.addEventListener("abort", () => (providerAborted = true));
      yield [{ type: "text-delta", text: "a" }];
      while (!signal.aborted) {
        await new Promise((r) => setTimeout(r, 20));
        yield [{ type: "text-delta", text: "." }];
      }
    }
    const response = await sseResponse(endless, new AbortController().signal, { encode: encodePlaygroundEvents });
    expect(activeStreamCount()).toBe(1);
    const { events, reading } = readEvents(response);
    await new Promise((r) => setTimeout(r, 100));
    expect(endActiveStreams(errorEvent("upstream_unavailable", "shutting down"))).toBe(1);
    await reading;
    expect(events.filter((e) => e.type === "error" || e.type === "finish")).toEqual([expect.objectContaining({ type: "error", code: "upstream_unavailable" })]);
    expect(events.at(-1)?.type).toBe("error");
    expect(providerAborted).toBe(true);
    expect(activeStreamCount()).toBe(0);
  });

  it("answers at once and can end a stream whose upstream has not answered yet", async () => {
    let providerAborted = false;
    // An upstream that never answers: the response (headers) must not wait for it.
    async function* silent(signal: AbortSignal): AsyncGenerator<EventBatch> {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => ((providerAborted = true), resolve())));
      yield [{ type: "finish", reason: "abort" }];
    }
    const answered = await Promise.race([
      sseResponse(silent, new AbortController().signal, { encode: encodePlaygroundEvents }),
      new Promise<"no response">((r) => setTimeout(() => r("no response"), 500)),
    ]);
    expect(answered).toBeInstanceOf(Response);
    const response = answered as Response;
    const { events, reading } = readEvents(response);
    await new Promise((r) => setTimeout(r, 20));
    expect(endActiveStreams(errorEvent("upstream_unavailable", "shutting down"))).toBe(1);
    await reading;
    expect(events).toEqual([expect.objectContaining({ type: "error", code: "upstream_unavailable" })]);
    expect(providerAborted).toBe(true);
    expect(activeStreamCount()).toBe(0);
  });

  it("does not keep streams that already ended", async () => {
    async function* short(): AsyncGenerator<EventBatch> {
      yield [{ type: "text-delta", text: "a" }];
      yield [{ type: "finish", reason: "stop" }];
    }
    const response = await sseResponse(short, new AbortController().signal, { encode: encodePlaygroundEvents });
    await response.text();
    expect(activeStreamCount()).toBe(0);
    expect(endActiveStreams(errorEvent("upstream_unavailable"))).toBe(0);
  });
});

/** Reads a response's events as they come; `reading` settles when the stream ends. */
function readEvents(response: Response): { events: StreamEvent[]; reading: Promise<void> } {
  const events: StreamEvent[] = [];
  const reading = (async () => {
    for await (const m of iterate(parseSse(response.body!))) events.push(JSON.parse(m.data));
  })();
  return { events, reading };
}
