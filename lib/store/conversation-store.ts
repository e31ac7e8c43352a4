"use client";
/**
 * The conversation and the state of the reply being streamed. Network work lives in
 * lib/client; this store only turns events into messages. Deltas are batched and applied at
 * most ~30 times a second (on an animation frame): smooth to the eye, and a fast stream costs
 * the main thread a fraction of per-token or even per-frame rendering.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import { streamChat } from "../client/chat-stream";
import { countUsage } from "../client/count-tokens";
import type { ErrorCode, FinishReason, Usage } from "../stream/events";
import { debouncedLocalStorage } from "./debounced-storage";
import { useParamsStore } from "./params-store";

export interface UiMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  /** Assistant messages only. */
  state?: "streaming" | "done" | "stopped" | "error";
  finishReason?: FinishReason;
  error?: { code: ErrorCode; message: string; retryAfter?: number };
  usage?: Usage;
  /** Measured in the browser for each reply. */
  metrics?: ReplyMetrics;
}

export interface ReplyMetrics {
  timeToFirstTokenMs: number;
  totalMs: number;
  /** Completion tokens over the time from first to last token; absent without a token count. */
  tokensPerSecond?: number;
}

interface ConversationState {
  messages: UiMessage[];
  isStreaming: boolean;
  send(text: string): void;
  stop(): void;
  /** Replaces the last reply (also the Retry of a failed one). */
  regenerate(): void;
  /** Rewrites a user message, drops everything after it and asks again. */
  editAndResend(id: string, text: string): void;
  clear(): void;
  load(messages: UiMessage[]): void;
}

const newId = () => crypto.randomUUID();

let controller: AbortController | undefined;

const FLUSH_INTERVAL_MS = 33;

const scheduleFrame = (fn: () => void): (() => void) => {
  let frame = 0;
  const timer = setTimeout(() => {
    // Hidden tabs get no animation frames; apply directly there.
    if (typeof requestAnimationFrame === "function" && document.visibilityState === "visible") frame = requestAnimationFrame(fn);
    else fn();
  }, FLUSH_INTERVAL_MS);
  return () => {
    clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  };
};

export const useConversationStore = create<ConversationState>()(
  persist(
    (set, get) => {
      const patch = (id: string, change: (m: UiMessage) => Partial<UiMessage>) =>
        set((s) => ({ messages: s.messages.map((m) => (m.id === id ? { ...m, ...change(m) } : m)) }));

      /** Streams a reply to `history` (which ends with a user message). */
      async function run(history: UiMessage[]) {
        controller?.abort();
        const abort = (controller = new AbortController());
        const reply: UiMessage = { id: newId(), role: "assistant", content: "", state: "streaming" };
        set({ messages: [...history, reply], isStreaming: true });

        const { systemMessage, params, model } = useParamsStore.getState();
        const messages = history
          .filter((m) => m.role === "user" || m.content !== "")
          .map(({ role, content }) => ({ role, content }));

        // Speed as the user experiences it: measured here, from the click to the last token.
        const startedAt = performance.now();
        let firstTokenAt: number | undefined;
        let finishedAt = startedAt;
        const speed = (completionTokens: number) => {
          const seconds = firstTokenAt === undefined ? 0 : (finishedAt - firstTokenAt) / 1000;
          return completionTokens > 0 && seconds > 0 ? { tokensPerSecond: Math.round((completionTokens / seconds) * 10) / 10 } : {};
        };
        const metrics = (usage: Usage | undefined): ReplyMetrics | undefined =>
          firstTokenAt === undefined
            ? undefined
            : { timeToFirstTokenMs: Math.round(firstTokenAt - startedAt), totalMs: Math.round(finishedAt - startedAt), ...speed(usage?.completionTokens ?? 0) };
        let usage: Usage | undefined;

        let pending = "";
        let cancelFrame: (() => void) | undefined;
        const flush = () => {
          cancelFrame = undefined;
          if (!pending) return;
          const text = pending;
          pending = "";
          patch(reply.id, (m) => ({ content: m.content + text }));
        };

        for await (const event of streamChat({ systemMessage, messages, params, ...(model ? { model } : {}) }, abort.signal)) {
          if (event.type === "text-delta") {
            firstTokenAt ??= performance.now();
            pending += event.text;
            cancelFrame ??= scheduleFrame(flush);
          } else if (event.type === "usage") {
            usage = event.usage;
            patch(reply.id, () => ({ usage: event.usage }));
          } else if (event.type === "finish") {
            cancelFrame?.();
            flush();
            finishedAt = performance.now();
            const measured = metrics(usage);
            patch(reply.id, () => ({
              state: event.reason === "abort" ? "stopped" : "done",
              finishReason: event.reason,
              ...(measured ? { metrics: measured } : {}),
            }));
          } else if (event.type === "error") {
            cancelFrame?.();
            flush();
            const { code, message, retryAfter } = event;
            patch(reply.id, () => ({ state: "error", error: { code, message, ...(retryAfter ? { retryAfter } : {}) } }));
          }
        }
        if (controller === abort) {
          controller = undefined;
          set({ isStreaming: false });
        }

        // No usage from the upstream: count it exactly, off the streaming path, once the reply is done.
        const finished = get().messages.find((m) => m.id === reply.id);
        if (finished && !finished.usage && finished.content && finished.state !== "error") {
          try {
            const counted = await countUsage({ systemMessage, messages }, finished.content);
            patch(reply.id, (m) => ({ usage: counted, ...(m.metrics ? { metrics: { ...m.metrics, ...speed(counted.completionTokens) } } : {}) }));
          } catch {
            /* the reply simply shows no token numbers */
          }
        }
      }

      return {
        messages: [],
        isStreaming: false,
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
          const lastUser = messages.findLastIndex((m) => m.role === "user");
          if (lastUser >= 0) void run(messages.slice(0, lastUser + 1));
        },
        editAndResend(id, text) {
          const content = text.trim();
          const { messages } = get();
          const index = messages.findIndex((m) => m.id === id && m.role === "user");
          if (!content || index < 0) return;
          controller?.abort();
          void run([...messages.slice(0, index), { ...messages[index], content }]);
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
    },
    {
      name: "playground-conversation",
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
    },
  ),
);
