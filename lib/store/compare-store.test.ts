import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../chat/events";
import type { ChatRequestBody } from "../client/chat-stream";
import { DEFAULT_PARAMS, NUMERIC_PARAMS } from "../params";
import type { UiMessage } from "./ui-message";
import { createCompareStore, differingParams } from "./compare-store";

/** Every request is recorded; each stream says which temperature it got, then waits for its stop. */
function hangingStreams() {
  const requests: { body: ChatRequestBody; signal: AbortSignal }[] = [];
  async function* stream(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<StreamEvent[]> {
    requests.push({ body, signal });
    yield [{ type: "text-delta", text: `t=${body.params.temperature}` }];
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
    yield [{ type: "finish", reason: "abort" }];
  }
  return { stream, requests };
}

const history: UiMessage[] = [
  { id: "u1", role: "user", content: "Hi" },
  { id: "a1", role: "assistant", content: "Hello", state: "done" },
];
const temperature = NUMERIC_PARAMS.find((p) => p.key === "temperature")!;

describe("createCompareStore", () => {
  it("starts two columns from the last prompt, with the current settings", () => {
    const store = createCompareStore({ concurrentStreams: 6 });
    store.getState().setup({ systemMessage: "Be brief.", params: DEFAULT_PARAMS, messages: history });
    const { columns, base } = store.getState();
    expect(columns).toHaveLength(2);
    expect(base.map((m) => m.id)).toEqual(["u1"]);
    expect(columns[0].conversation.getState().messages.map((m) => m.content)).toEqual(["Hi"]);
  });

  it("a sweep fills the columns, and run all streams each with its own value and one shared seed", async () => {
    const { stream, requests } = hangingStreams();
    const store = createCompareStore({ concurrentStreams: 6, streamChat: stream, countUsage: vi.fn() });
    store.getState().setup({ systemMessage: "", params: DEFAULT_PARAMS, messages: history });
    store.getState().applySweep({ param: temperature, from: 0, to: 1, count: 3 });
    store.getState().setSeed(42);
    store.getState().runAll();
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    expect(requests.map((r) => r.body.params.temperature)).toEqual([0, 0.5, 1]);
    expect(requests.map((r) => r.body.params.seed)).toEqual([42, 42, 42]);
    expect(requests.every((r) => r.body.messages.at(-1)?.content === "Hi")).toBe(true);

    // Stopping one column leaves the others streaming.
    const [first, second, third] = store.getState().columns;
    first.conversation.getState().stop();
    await vi.waitFor(() => expect(first.conversation.getState().isStreaming).toBe(false));
    expect(second.conversation.getState().isStreaming).toBe(true);
    expect(third.conversation.getState().isStreaming).toBe(true);
    expect(requests[1].signal.aborted).toBe(false);
    store.getState().stopAll();
  });

  it("queues the columns beyond the upstream's concurrent streams", async () => {
    const { stream, requests } = hangingStreams();
    const store = createCompareStore({ concurrentStreams: 2, streamChat: stream, countUsage: vi.fn() });
    store.getState().setup({ systemMessage: "", params: DEFAULT_PARAMS, messages: [] });
    store.getState().addColumn();
    store.getState().sendAll("Go");
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    const third = store.getState().columns[2].conversation;
    expect(third.getState().isQueued).toBe(true);
    store.getState().columns[0].conversation.getState().stop();
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    expect(third.getState().isQueued).toBe(false);
    store.getState().stopAll();
  });

  it("without a shared seed each column sends its own seed, or none", async () => {
    const { stream, requests } = hangingStreams();
    const store = createCompareStore({ concurrentStreams: 6, streamChat: stream, countUsage: vi.fn() });
    store.getState().setup({ systemMessage: "", params: DEFAULT_PARAMS, messages: history });
    store.getState().setSharedSeed(false);
    store.getState().runAll();
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests.map((r) => r.body.params.seed)).toEqual([undefined, undefined]);
    store.getState().stopAll();
  });

  it("keeps between 2 and 6 columns", () => {
    const store = createCompareStore({ concurrentStreams: 6 });
    store.getState().setup({ systemMessage: "", params: DEFAULT_PARAMS, messages: [] });
    store.getState().removeColumn(store.getState().columns[0].id);
    expect(store.getState().columns).toHaveLength(2);
    for (let i = 0; i < 10; i++) store.getState().addColumn();
    expect(store.getState().columns).toHaveLength(6);
  });

  it("names the parameters a column changes from the reference", () => {
    expect(differingParams(DEFAULT_PARAMS, { ...DEFAULT_PARAMS, topP: 0.5, temperature: 1 })).toEqual(["temperature", "topP"]);
    expect(differingParams(DEFAULT_PARAMS, DEFAULT_PARAMS)).toEqual([]);
  });
});

describe("compare columns and the chat's functions and response format", () => {
  it("every column asks with the options the chat had when compare mode opened", async () => {
    const { stream, requests } = hangingStreams();
    const store = createCompareStore({ concurrentStreams: 6, streamChat: stream, countUsage: vi.fn() });
    const options = { responseFormat: { type: "json_object" as const } };
    store.getState().setup({ systemMessage: "", params: DEFAULT_PARAMS, messages: history, options });
    store.getState().runAll();
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests.map((r) => r.body.options)).toEqual([options, options]);
    store.getState().stopAll();
  });
});
