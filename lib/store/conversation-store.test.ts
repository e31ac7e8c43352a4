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

  it("stopping a reply while it waits for a stream slot stops it without sending anything", async () => {
    const { stream, requests } = fakeStream([[{ type: "text-delta", text: "never" }]]);
    // No slot ever frees up: the wait ends only by its abort.
    const acquireSlot = (signal: AbortSignal) => new Promise<() => void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn(), acquireSlot });
    store.getState().send("Hi");
    expect(store.getState()).toMatchObject({ isQueued: true, isStreaming: true });

    store.getState().stop();
    await settled(store);
    expect(store.getState().isQueued).toBe(false);
    expect(store.getState().messages[1]).toMatchObject({ role: "assistant", content: "", state: "stopped", finishReason: "abort" });
    expect(requests).toHaveLength(0);
  });

  it("gives its stream slot back once the reply has ended", async () => {
    const { stream } = fakeStream([[{ type: "text-delta", text: "Hi" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 1 } }, { type: "finish", reason: "stop" }]]);
    const release = vi.fn();
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn(), acquireSlot: async () => release });
    store.getState().send("Hi");
    await settled(store);
    expect(store.getState().messages[1]).toMatchObject({ content: "Hi", state: "done" });
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("a reply replaced by an edit, ending late, leaves the reply that replaced it streaming", async () => {
    const { stream, requests } = fakeStream([[{ type: "text-delta", text: "a" }]], { hang: true });
    let ended = 0;
    const store = createConversationStore({
      settings,
      countUsage: vi.fn(),
      async *streamChat(body, signal) {
        try {
          yield* stream(body, signal);
        } finally {
          ended++;
        }
      },
    });
    store.getState().send("one");
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    store.getState().editAndResend(store.getState().messages[0].id, "two");
    await vi.waitFor(() => expect(ended).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(requests[0].signal.aborted).toBe(true);
    expect(requests[1].body.messages).toEqual([{ role: "user", content: "two" }]);
    expect(store.getState().isStreaming).toBe(true);
    store.getState().stop();
    await settled(store);
  });

  it("regenerate asks again with the history up to the last user message, keeping the earlier reply as a version", async () => {
    const { stream, requests } = fakeStream([[{ type: "text-delta", text: "x" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 1 } }, { type: "finish", reason: "stop" }]]);
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
    store.getState().send("Hi");
    await settled(store);
    store.getState().regenerate();
    await settled(store);
    expect(store.getState().messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(requests[1].body.messages).toEqual([{ role: "user", content: "Hi" }]);
    const { tree, messages } = store.getState();
    expect(tree.nodes[messages[0].id].children).toHaveLength(2);
  });

  it("continues the last reply from an alternative token: sends the prefix as the last (assistant) message and appends what streams", async () => {
    const lp = (token: string, logprob: number) => ({ token, logprob, top: [{ token: " dog", logprob: -0.9 }, { token: token, logprob }] });
    const first = fakeStream([[{ type: "text-delta", text: "The cat sat" }, { type: "logprobs", tokens: [lp("The", -0.1), lp(" cat", -1.2), lp(" sat", -0.5)] }, { type: "finish", reason: "stop", signature: "sig" }]]);
    const requests: ChatRequestBody[] = [];
    let call = 0;
    const store = createConversationStore({
      settings: () => ({ ...settings(), options: { logprobs: { top: 5 } } }),
      countUsage: vi.fn(),
      async *streamChat(body, signal) {
        requests.push(body);
        if (call++ === 0) yield* first.stream(body, signal);
        else yield [{ type: "text-delta", text: " barked" }, { type: "logprobs", tokens: [lp(" barked", -2)] }, { type: "finish", reason: "stop", signature: "sig2" }];
      },
    });
    store.getState().send("Tell me");
    await settled(store);
    const replyId = store.getState().messages[1].id;
    store.getState().continueFrom(replyId, 1, { token: " dog", logprob: -0.9 });
    await settled(store);

    expect(requests[1].messages).toEqual([{ role: "user", content: "Tell me" }, { role: "assistant", content: "The dog" }]);
    expect(requests[1].options).toEqual({ logprobs: { top: 5 } });
    const messages = store.getState().messages;
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ content: "The dog barked", state: "done", continuedAt: 1 });
    expect(messages[1].logprobs?.map((t) => t.token)).toEqual(["The", " dog", " barked"]);
    // Partly the user's choice: the server's signature over the continuation alone is not kept.
    expect(messages[1].signature).toBeUndefined();
  });

  it("does not continue a reply that a later user message follows", async () => {
    const { stream, requests } = fakeStream([[{ type: "text-delta", text: "A" }, { type: "logprobs", tokens: [{ token: "A", logprob: -1 }] }, { type: "finish", reason: "stop" }]]);
    const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
    store.getState().send("one");
    await settled(store);
    store.getState().send("two");
    await settled(store);
    store.getState().continueFrom(store.getState().messages[1].id, 0, { token: "B", logprob: -2 });
    expect(requests).toHaveLength(2);
  });

  describe("branches", () => {
    const replying = () =>
      fakeStream([[{ type: "text-delta", text: "reply" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 1 } }, { type: "finish", reason: "stop" }]]);
    const shown = (store: ConversationStore) => store.getState().messages.map((m) => `${m.role[0]}:${m.content}`).join(" ");

    it("an edit keeps the original message and its replies as the other version; either can be shown again", async () => {
      const { stream, requests } = replying();
      const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
      store.getState().send("first");
      await settled(store);
      store.getState().send("second");
      await settled(store);
      const original = store.getState().messages[0];
      store.getState().editAndResend(original.id, "first, edited");
      await settled(store);
      expect(shown(store)).toBe("u:first, edited a:reply");
      expect(requests.at(-1)?.body.messages).toEqual([{ role: "user", content: "first, edited" }]);
      const edited = store.getState().messages[0];
      store.getState().showVersion(edited.id, -1);
      expect(shown(store)).toBe("u:first a:reply u:second a:reply");
      store.getState().showVersion(original.id, 1);
      expect(shown(store)).toBe("u:first, edited a:reply");
      // A new message goes on from the shown version.
      store.getState().send("third");
      await settled(store);
      expect(shown(store)).toBe("u:first, edited a:reply u:third a:reply");
      expect(requests.at(-1)?.body.messages.map((m) => m.content)).toEqual(["first, edited", "reply", "third"]);
    });

    it("does not switch versions while a reply streams", async () => {
      const { stream } = fakeStream([[{ type: "text-delta", text: "a" }]], { hang: true });
      const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
      store.getState().load([
        { id: "u1", role: "user", content: "one" },
        { id: "a1", role: "assistant", content: "x", state: "done" },
      ]);
      store.getState().follow([
        { id: "u1", role: "user", content: "one" },
        { id: "a2", role: "assistant", content: "y", state: "done" },
      ]);
      store.getState().send("next");
      await vi.waitFor(() => expect(store.getState().isStreaming).toBe(true));
      store.getState().showVersion("a2", -1);
      expect(store.getState().messages[1].id).toBe("a2");
      store.getState().stop();
      await settled(store);
      store.getState().showVersion("a2", -1);
      expect(store.getState().messages.map((m) => m.id)).toEqual(["u1", "a1"]);
    });

    it("keeps the whole tree across a reload, and reads a conversation saved before branches", async () => {
      const saved = new Map<string, string>();
      globalThis.localStorage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v), removeItem: (k: string) => void saved.delete(k) } as Storage;
      const { stream } = replying();
      const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn(), persistAs: "test-tree" });
      await store.hydrate();
      store.getState().send("Hi");
      await settled(store);
      store.getState().regenerate();
      await settled(store);
      await vi.waitFor(() => expect(saved.get("test-tree")).toContain('"version":2'));
      const reloaded = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn(), persistAs: "test-tree" });
      await reloaded.hydrate();
      expect(reloaded.getState().tree).toEqual(store.getState().tree);
      expect(reloaded.getState().messages).toEqual(store.getState().messages);

      saved.set("old", JSON.stringify({ state: { messages: [{ id: "u", role: "user", content: "before" }, { id: "a", role: "assistant", content: "cut", state: "streaming" }] }, version: 1 }));
      const old = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn(), persistAs: "old" });
      await old.hydrate();
      expect(old.getState().messages).toMatchObject([{ content: "before" }, { content: "cut", state: "stopped" }]);
      expect(Object.keys(old.getState().tree.nodes)).toEqual(["u", "a"]);
    });
  });

  describe("conversations (History keeps them)", () => {
    it("a new conversation gets a new id; a branch starts one with copies of the path up to a message; opening keeps the id and counts as unchanged", async () => {
      const { stream } = fakeStream([[{ type: "text-delta", text: "r" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 1 } }, { type: "finish", reason: "stop" }]]);
      const store = createConversationStore({ settings, streamChat: stream, countUsage: vi.fn() });
      const first = store.getState().id;
      store.getState().send("one");
      await settled(store);
      store.getState().send("two");
      await settled(store);
      expect(store.getState().changedAt).toBeGreaterThan(0);
      const [u1, a1] = store.getState().messages;
      const tree = store.getState().tree;

      store.getState().branchFrom(a1.id);
      expect(store.getState().id).not.toBe(first);
      expect(store.getState().messages.map((m) => m.content)).toEqual(["one", "r"]);
      expect(store.getState().messages[0].id).not.toBe(u1.id);
      expect(store.getState().changedAt).toBeGreaterThan(0);

      store.getState().load(tree, first);
      expect(store.getState()).toMatchObject({ id: first, changedAt: undefined });
      expect(store.getState().messages.map((m) => m.content)).toEqual(["one", "r", "two", "r"]);

      store.getState().clear();
      expect(store.getState().id).not.toBe(first);
      expect(store.getState().messages).toEqual([]);
    });
  });
});
