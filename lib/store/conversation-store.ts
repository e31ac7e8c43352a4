/**
 * A conversation and the state of the reply being streamed, as a factory: the playground has
 * one, compare mode one per column. Each instance owns its abort controller. Network work lives
 * in lib/client; the reducer in apply-event.ts turns events into the reply.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { streamChat, type ChatRequestBody } from "../client/chat-stream";
import { countUsage } from "../client/count-tokens";
import type { Usage } from "../chat/events";
import { applyEvents } from "./apply-event";
import { debouncedLocalStorage } from "./debounced-storage";
import { PAGE_UPDATE_INTERVAL_MS } from "../chat/page-cadence";
import { afterDelayOnNextFrame } from "./next-frame";
import { toRequestMessages } from "../chat/request-messages";
import { continuationOf } from "./token-spans";
import type { ReplyMetrics, UiMessage } from "./ui-message";

export type { ReplyMetrics, ToolCall, UiMessage } from "./ui-message";

export interface ConversationState {
  messages: UiMessage[];
  isStreaming: boolean;
  /** Waiting for a free stream slot (compare mode bounds how many columns stream at once). */
  isQueued: boolean;
  send(text: string): void;
  stop(): void;
  /** Replaces the last reply (also the Retry of a failed one). */
  regenerate(): void;
  /** Answers the last reply's function calls with these results and lets the model go on. */
  sendToolResults(results: { toolCallId: string; content: string }[]): void;
  /** Rewrites a user message, drops everything after it and asks again. */
  editAndResend(id: string, text: string): void;
  /**
   * Continues the last reply from its token `index` replaced by `alternative` (needs an upstream
   * with capabilities.continuation): the tokens before it are kept, the rest is written anew.
   */
  continueFrom(id: string, index: number, alternative: { token: string; logprob: number }): void;
  clear(): void;
  load(messages: UiMessage[]): void;
}

export interface ConversationStoreOptions {
  /** The settings a request is sent with, read when it is sent. */
  settings(): Omit<ChatRequestBody, "messages">;
  /** localStorage key; without it the conversation lives in memory only. */
  persistAs?: string;
  streamChat?: typeof streamChat;
  countUsage?: typeof countUsage;
  /**
   * How long streamed text may wait before it is shown. 20 updates a second read as smooth; each
   * one costs a render and a frame, so more would buy nothing visible (measured: bench/rendering.ts).
   */
  commitDelayMs?: number;
  /**
   * Waits for a free slot before the request is sent (rejects when `signal` aborts first) and
   * returns its release. Time spent here is not counted in the reply's metrics.
   */
  acquireSlot?(signal: AbortSignal): Promise<() => void>;
}

export type ConversationStore = StoreApi<ConversationState> & {
  /** Loads the persisted conversation (a no-op without `persistAs`); call after mount. */
  hydrate(): Promise<void>;
};

const newId = () => crypto.randomUUID();

export function createConversationStore(options: ConversationStoreOptions): ConversationStore {
  const stream = options.streamChat ?? streamChat;
  const count = options.countUsage ?? countUsage;
  const commitDelayMs = options.commitDelayMs ?? PAGE_UPDATE_INTERVAL_MS;
  let controller: AbortController | undefined;

  const initializer = (set: StoreApi<ConversationState>["setState"], get: StoreApi<ConversationState>["getState"]): ConversationState => {
    const replace = (message: UiMessage) => set((s) => ({ messages: s.messages.map((m) => (m.id === message.id ? message : m)) }));

    /**
     * Streams a reply to `history` (which ends with a user message), or, given `partial`, the rest
     * of that reply: the request then ends with it, which the server takes as "continue this".
     */
    async function run(history: UiMessage[], partial?: Pick<UiMessage, "content" | "logprobs" | "continuedAt">) {
      controller?.abort();
      const abort = (controller = new AbortController());
      const settings = options.settings();
      // What this reply is generated with, kept with it: the server's signature covers exactly this.
      const generation = { systemMessage: settings.systemMessage, params: settings.params, ...(settings.model ? { model: settings.model } : {}) };
      // The format asked for, kept with the reply: its JSON badge checks against it.
      const format = settings.options?.responseFormat?.type === "text" ? undefined : settings.options?.responseFormat;
      let reply: UiMessage = { id: newId(), role: "assistant", content: "", state: "streaming", generation, ...(format ? { format } : {}), ...partial };
      set({ messages: [...history, reply], isStreaming: true });

      const messages = toRequestMessages(partial ? [...history, reply] : history);

      let release = () => {};
      if (options.acquireSlot) {
        set({ isQueued: true });
        try {
          // Awaited even when a slot is free, and keep it so: compare mode starting its six
          // streams synchronously inside the key press (tried once, to skip the "Queued" render)
          // left every column's reply blank until it ended, though the store kept updating.
          release = await options.acquireSlot(abort.signal);
        } catch {
          // Stopped while queued: nothing was sent.
          reply = { ...reply, state: "stopped", finishReason: "abort" };
          replace(reply);
          if (controller === abort) controller = undefined;
          set({ isQueued: false, ...(controller ? {} : { isStreaming: false }) });
          return;
        }
        set({ isQueued: false });
      }

      // Speed as the user experiences it: measured here, from sending to the last token.
      const startedAt = performance.now();
      let firstTokenAt: number | undefined;
      let finishedAt = startedAt;
      const speed = (usage: Usage | undefined) => {
        const seconds = firstTokenAt === undefined ? 0 : (finishedAt - firstTokenAt) / 1000;
        const tokens = usage?.completionTokens ?? 0;
        return tokens > 0 && seconds > 0 ? { tokensPerSecond: Math.round((tokens / seconds) * 10) / 10 } : {};
      };
      const metrics = (usage: Usage | undefined): ReplyMetrics | undefined =>
        firstTokenAt === undefined
          ? undefined
          : { timeToFirstTokenMs: Math.round(firstTokenAt - startedAt), totalMs: Math.round(finishedAt - startedAt), ...speed(usage) };

      // The reply advances with every read; the page sees it at most once per commit delay.
      let cancelCommit: (() => void) | undefined;
      const commit = () => {
        cancelCommit?.();
        cancelCommit = undefined;
        replace(reply);
      };

      try {
        for await (const events of stream({ ...settings, messages }, abort.signal)) {
          const before = reply;
          reply = applyEvents(reply, events);
          if (firstTokenAt === undefined && reply.content.length > before.content.length) firstTokenAt = performance.now();
          if (reply.state === "streaming") {
            if (reply !== before) cancelCommit ??= afterDelayOnNextFrame(commit, commitDelayMs);
            continue;
          }
          finishedAt = performance.now();
          const measured = reply.state === "error" ? undefined : metrics(reply.usage);
          if (measured) reply = { ...reply, metrics: measured };
          // The server signed only the continuation; the whole reply is partly the user's choice.
          if (partial && reply.signature) reply = { ...reply, signature: undefined };
          commit();
        }
      } finally {
        release();
      }
      if (controller === abort) {
        controller = undefined;
        set({ isStreaming: false });
      }

      // No usage from the upstream: count it exactly, off the streaming path, once the reply is done.
      if (!reply.usage && reply.content && reply.state !== "error") {
        try {
          const counted = await count({ systemMessage: settings.systemMessage, messages }, reply.content);
          const current = get().messages.find((m) => m.id === reply.id);
          if (current) replace({ ...current, usage: counted, ...(current.metrics ? { metrics: { ...current.metrics, ...speed(counted) } } : {}) });
        } catch {
          /* the reply simply shows no token numbers */
        }
      }
    }

    return {
      messages: [],
      isStreaming: false,
      isQueued: false,
      send(text) {
        const content = text.trim();
        if (!content || get().isStreaming) return;
        void run([...get().messages, { id: newId(), role: "user", content }]);
      },
      stop() {
        controller?.abort();
      },
      regenerate() {
        const { messages, isStreaming } = get();
        if (isStreaming) return;
        // The reply after the last thing the user sent: a message, or results of function calls.
        const lastUser = messages.findLastIndex((m) => m.role !== "assistant");
        if (lastUser >= 0) void run(messages.slice(0, lastUser + 1));
      },
      sendToolResults(results) {
        const { messages, isStreaming } = get();
        const last = messages.at(-1);
        if (isStreaming || last?.role !== "assistant" || !results.length) return;
        const asked = new Set((last.toolCalls ?? []).map((c) => c.id));
        if (!results.every((r) => asked.has(r.toolCallId))) return;
        void run([...messages, ...results.map((r): UiMessage => ({ id: newId(), role: "tool", toolCallId: r.toolCallId, content: r.content }))]);
      },
      editAndResend(id, text) {
        const content = text.trim();
        const { messages } = get();
        const index = messages.findIndex((m) => m.id === id && m.role === "user");
        if (!content || index < 0) return;
        controller?.abort();
        void run([...messages.slice(0, index), { ...messages[index], content }]);
      },
      continueFrom(id, index, alternative) {
        const { messages, isStreaming } = get();
        const at = messages.findIndex((m) => m.id === id && m.role === "assistant");
        if (isStreaming || at < 0 || messages.slice(at + 1).some((m) => m.role === "user")) return;
        const partial = continuationOf(messages[at], index, alternative);
        if (partial) void run(messages.slice(0, at), { ...partial, continuedAt: index });
      },
      clear() {
        controller?.abort();
        set({ messages: [], isStreaming: false });
      },
      load(messages) {
        controller?.abort();
        set({ messages, isStreaming: false });
      },
    };
  };

  if (!options.persistAs) {
    return Object.assign(createStore<ConversationState>()(initializer), { hydrate: async () => {} });
  }
  const store = createStore<ConversationState>()(
    persist(initializer, {
      name: options.persistAs,
      version: 1,
      storage: debouncedLocalStorage(),
      skipHydration: true,
      partialize: (s) => ({ messages: s.messages }),
      // A reply that was streaming when the page went away is a stopped reply now.
      merge: (persisted, current) => {
        const messages = ((persisted as { messages?: UiMessage[] } | undefined)?.messages ?? []).map((m) =>
          m.state === "streaming" ? { ...m, state: "stopped" as const, finishReason: "abort" as const } : m,
        );
        return { ...current, messages };
      },
    }),
  );
  return Object.assign(store, { hydrate: () => Promise.resolve(store.persist.rehydrate()) });
}
