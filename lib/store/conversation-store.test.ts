import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../chat/events";
import type { ChatRequestBody } from "../client/chat-stream";
import { createConversationStore, type ConversationStore } from "./conversation-store";

const settings = () => ({ systemMessage: "Be brief.", params: {} as ChatRequestBody["params"] });

/** A stream that yields the given batches, then waits for its abort signal if `hang` is set. */
function fakeStream(batches: StreamEvent[][], { hang = false } = {}) {
  const requests: { body: ChatRequestBody; signal: AbortSignal }[] = [];
  async function* stream(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<StreamEvent[]> {
    requests.push({ body, signal });
    for (const batch of batches) yield batch;
    if (hang) {
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
      yield [{ type: "finish", reason: "abort" }];
    }
  }
  return { stream, requests };
}

const settled = (store: ConversationStore) => vi.waitFor(() => expect(store.getState().isStreaming).toBe(false));

describe("createConversationStore", () => {
  it("streams a reply into the conversation and sends the history as role and content", async () => {
    const { stream, requests } = fakeStream([
      [{ type: "text-delta", text: "Hel" }],
      [
        { type: "text-delta", text: "lo" },
        { type: "usage", usage: { promptTokens: 5, completionTokens: 2 } },
        { type: "finish", reason: "stop" },
      ],
    ]);
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
    store.getState().send("  Hi  ");
    await settled(store);
    const [user, reply] = store.getState().messages;
    expect(user).toMatchObject({ role: "user", content: "Hi" });
    expect(reply).toMatchObject({ role: "assistant", content: "Hello", state: "done", usage: { promptTokens: 5, completionTokens: 2 } });
    expect(reply.metrics?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(requests[0].body).toMatchObject({ systemMessage: "Be brief.", messages: [{ role: "user", content: "Hi" }] });
  });

  it("each instance owns its abort controller: stopping one leaves the other streaming", async () => {
    const a = fakeStream([[{ type: "text-delta", text: "a" }]], { hang: true });
    const b = fakeStream([[{ type: "text-delta", text: "b" }]], { hang: true });
    const first = createConversationStore({ settings, streamChat: a.stream, countUsage: vi.fn() });
    const second = createConversationStore({ settings, streamChat: b.stream, countUsage: vi.fn() });
    first.getState().send("one");
    second.getState().send("two");
    await vi.waitFor(() => expect([a.requests.length, b.requests.length]).toEqual([1, 1]));

    first.getState().stop();
    await settled(first);
    expect(first.getState().messages[1]).toMatchObject({ state: "stopped", content: "a" });
    expect(b.requests[0].signal.aborted).toBe(false);
    expect(second.getState().isStreaming).toBe(true);

    second.getState().stop();
    await settled(second);
  });

  it("counts usage after the reply when the upstream sent none", async () => {
    const { stream } = fakeStream([[{ type: "text-delta", text: "Hello" }, { type: "finish", reason: "stop" }]]);
    const countUsage = vi.fn(async () => ({ promptTokens: 9, completionTokens: 1 }));
    const store = createConversationStore({ settings, streamChat: stream, countUsage });
    store.getState().send("Hi");
    await vi.waitFor(() => expect(store.getState().messages[1].usage).toEqual({ promptTokens: 9, completionTokens: 1 }));
    expect(countUsage).toHaveBeenCalledWith({ systemMessage: "Be brief.", messages: [{ role: "user", content: "Hi" }] }, "Hello");
  });

  it("regenerate replaces the last reply and sends the history up to the last user message", async () => {
    const { stream, requests } = fakeStream([[{ type: "text-delta", text: "x" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 1 } }, { type: "finish", reason: "stop" }]]);
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
    store.getState().send("Hi");
    await settled(store);
    store.getState().regenerate();
    await settled(store);
    expect(store.getState().messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(requests[1].body.messages).toEqual([{ role: "user", content: "Hi" }]);
  });
});
