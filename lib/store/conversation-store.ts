/**
 * A conversation and the state of the reply being streamed, as a factory: the playground has
 * one, compare mode one per column. Each instance owns its abort controller. Network work lives
 * in lib/client; the reducer in apply-event.ts turns events into the reply. A run is a short
 * sequence of steps, each a module of its own that is tested without a store: the placeholder
 * reply, the request, reading the stream into the reply, its metrics and its counted usage.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { streamChat, type ChatRequestBody } from "../client/chat-stream";
import { countUsage } from "../client/count-tokens";
import { PAGE_UPDATE_INTERVAL_MS } from "../chat/page-cadence";
import { needsCountedUsage, withCountedUsage } from "./counted-usage";
import { debouncedLocalStorage } from "./debounced-storage";
import { createLatestRun } from "./latest-run";
import { placeholderReply, type PartialReply } from "./placeholder-reply";
import { readReplyStream } from "./read-reply-stream";
import { stoppedReply } from "./reply-endings";
import { startReplyClock, type ReplyClock } from "./reply-metrics";
import { replyRequest } from "./reply-request";
import { continuationOf } from "./token-spans";
import { emptyTree, followPath, mapMessages, pathOf, pathTo, showVersion, treeOf, updateMessage, type ConversationTree } from "../tree/conversation-tree";
import type { UiMessage } from "./ui-message";

export type { ReplyMetrics, ToolCall, UiMessage } from "./ui-message";

export type MessageTree = ConversationTree<UiMessage>;

export interface ConversationState {
  /** Which conversation this is (its History entry). */
  id: string;
  /** Every message, with the versions an edit or a regenerate left (./conversation-tree.ts). */
  tree: MessageTree;
  /** The shown path through the tree: what is sent, shared and exported. */
  messages: UiMessage[];
  /** When this page last changed the conversation (ms): History saves it then. None: unchanged since opened or reloaded. */
  changedAt?: number;
  isStreaming: boolean;
  /** Waiting for a free stream slot (compare mode bounds how many columns stream at once). */
  isQueued: boolean;
  send(text: string): void;
  stop(): void;
  /** Asks for the last reply again; the earlier one stays as a version (also the Retry of a failed one). */
  regenerate(): void;
  /** Answers the last reply's function calls with these results and lets the model go on. */
  sendToolResults(results: { toolCallId: string; content: string }[]): void;
  /** Sends a user message rewritten, as a new version of it (the original and its replies stay), and asks again. */
  editAndResend(id: string, text: string): void;
  /**
   * Continues the last reply from its token `index` replaced by `alternative` (needs an upstream
   * with capabilities.continuation): the tokens before it are kept, the rest is written anew.
   */
  continueFrom(id: string, index: number, alternative: { token: string; logprob: number }): void;
  /** Shows the message's previous (−1) or next (+1) version, with that version's downstream path. */
  showVersion(id: string, step: number): void;
  /** Starts a new, empty conversation (the current one stays in History). */
  clear(): void;
  /** Starts over with these messages or a whole tree: a new conversation, or the one `id` names (opened from History). */
  load(messages: UiMessage[] | MessageTree, id?: string): void;
  /** Starts a new conversation with the path up to this message (the current one stays in History). */
  branchFrom(id: string): void;
  /** Shows `messages` as the path, keeping the tree: those not in it yet become a new branch (compare's "Continue with this"). */
  follow(messages: UiMessage[]): void;
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
  /** Turns the request into what is sent (the playground fills `{{variables}}`); read when it is sent. */
  prepare?(request: ChatRequestBody): ChatRequestBody;
}

export type ConversationStore = StoreApi<ConversationState> & {
  /** Loads the persisted conversation (a no-op without `persistAs`); call after mount. */
  hydrate(): Promise<void>;
};

const newId = () => crypto.randomUUID();

/** The state for a new tree: the tree and its path. */
const showing = (tree: MessageTree) => ({ tree, messages: pathOf(tree) });
/** The same, for a change made here. */
const changing = (tree: MessageTree) => ({ ...showing(tree), changedAt: Date.now() });

/** Without stream slots there is nothing to give back. */
const noSlotToRelease = () => {};

export function createConversationStore(options: ConversationStoreOptions): ConversationStore {
  const stream = options.streamChat ?? streamChat;
  const count = options.countUsage ?? countUsage;
  const commitDelayMs = options.commitDelayMs ?? PAGE_UPDATE_INTERVAL_MS;
  const runs = createLatestRun();

  const initializer = (set: StoreApi<ConversationState>["setState"], get: StoreApi<ConversationState>["getState"]): ConversationState => {
    const replace = (message: UiMessage) => set((s) => changing(updateMessage(s.tree, message)));

    /**
     * Streams a reply to `history` (which ends with a user message), or, given `partial`, the rest
     * of that reply: the request then ends with it, which the server takes as "continue this".
     */
    async function run(history: UiMessage[], partial?: PartialReply) {
      const abort = runs.start();
      const settings = options.settings();
      const placeholder = placeholderReply(newId(), settings, partial);
      set((s) => ({ ...changing(followPath(s.tree, [...history, placeholder])), isStreaming: true }));
      const built = replyRequest(settings, history, partial ? placeholder : undefined);
      const request = options.prepare ? options.prepare(built) : built;

      const release = options.acquireSlot ? await queueForSlot(options.acquireSlot, abort.signal) : noSlotToRelease;
      if (!release) return endStoppedWhileQueued(placeholder, abort);

      // Speed as the user experiences it: measured here, from sending to the last token.
      const clock = startReplyClock();
      let reply: UiMessage;
      try {
        reply = await readReplyStream(stream(request, abort.signal), placeholder, { show: replace, commitDelayMs, clock, isContinuation: !!partial });
      } finally {
        release();
      }
      if (runs.end(abort)) set({ isStreaming: false });

      // No usage from the upstream: count it exactly, off the streaming path, once the reply is done.
      if (needsCountedUsage(reply)) await countUsageOf(reply, request, clock);
    }

    /** Shows the reply as queued until a stream slot is free; undefined when stopped while queued. */
    async function queueForSlot(acquireSlot: NonNullable<ConversationStoreOptions["acquireSlot"]>, signal: AbortSignal): Promise<(() => void) | undefined> {
      set({ isQueued: true });
      let release: () => void;
      try {
        // Awaited even when a slot is free, and keep it so: compare mode starting its six
        // streams synchronously inside the key press (tried once, to skip the "Queued" render)
        // left every column's reply blank until it ended, though the store kept updating.
        release = await acquireSlot(signal);
      } catch {
        // Stopped while queued: nothing was sent.
        return undefined;
      }
      set({ isQueued: false });
      return release;
    }

    /** Ends a run stopped while it waited for a slot: its placeholder becomes a stopped reply. */
    function endStoppedWhileQueued(placeholder: UiMessage, abort: AbortController) {
      replace(stoppedReply(placeholder));
      runs.end(abort);
      // A run that replaced this one while it waited is streaming now.
      set({ isQueued: false, ...(runs.isRunning ? {} : { isStreaming: false }) });
    }

    /** Counts the finished reply's tokens and adds them to it, if it is still in the conversation. */
    async function countUsageOf(reply: UiMessage, request: ChatRequestBody, clock: ReplyClock) {
      try {
        const counted = await count({ systemMessage: request.systemMessage, messages: request.messages }, reply.content);
        const current = get().tree.nodes[reply.id]?.message;
        if (current) replace(withCountedUsage(current, counted, clock.speed(counted)));
      } catch {
        /* the reply simply shows no token numbers */
      }
    }

    return {
      id: newId(),
      tree: emptyTree(),
      messages: [],
      isStreaming: false,
      isQueued: false,
      send(text) {
        const content = text.trim();
        if (!content || get().isStreaming) return;
        void run([...get().messages, { id: newId(), role: "user", content }]);
      },
      stop() {
        runs.abort();
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
        runs.abort();
        // A new message: the original stays, with its replies, as the other version.
        void run([...messages.slice(0, index), { ...messages[index], id: newId(), content }]);
      },
      continueFrom(id, index, alternative) {
        const { messages, isStreaming } = get();
        const at = messages.findIndex((m) => m.id === id && m.role === "assistant");
        if (isStreaming || at < 0 || messages.slice(at + 1).some((m) => m.role === "user")) return;
        const partial = continuationOf(messages[at], index, alternative);
        if (partial) void run(messages.slice(0, at), { ...partial, continuedAt: index });
      },
      showVersion(id, step) {
        if (get().isStreaming) return;
        set((s) => changing(showVersion(s.tree, id, step)));
      },
      clear() {
        runs.abort();
        set({ id: newId(), ...showing(emptyTree()), changedAt: undefined, isStreaming: false });
      },
      load(messages, opened) {
        const id = opened ?? newId();
        runs.abort();
        // A conversation opened from History is unchanged until it changes here; any other is new.
        set({ id, ...showing(Array.isArray(messages) ? treeOf(messages) : messages), changedAt: opened ? undefined : Date.now(), isStreaming: false });
      },
      branchFrom(id) {
        const path = pathTo(get().tree, id);
        if (get().isStreaming || !path.length) return;
        // New ids: the copies are messages of the new conversation.
        get().load(path.map((m) => ({ ...m, id: newId() })));
      },
      follow(messages) {
        runs.abort();
        set((s) => ({ ...changing(followPath(s.tree, messages)), isStreaming: false }));
      },
    };
  };

  if (!options.persistAs) {
    return Object.assign(createStore<ConversationState>()(initializer), { hydrate: async () => {} });
  }
  const store = createStore<ConversationState>()(
    persist(initializer, {
      name: options.persistAs,
      // 1: the shown messages only; 2: the whole tree.
      version: 2,
      storage: debouncedLocalStorage(),
      skipHydration: true,
      partialize: (s) => ({ id: s.id, tree: s.tree }),
      migrate: (persisted, version) => (version < 2 ? { tree: treeOf((persisted as { messages?: UiMessage[] } | undefined)?.messages ?? []) } : persisted),
      // A reply that was streaming when the page went away is a stopped reply now.
      merge: (persisted, current) => {
        const { id, tree = emptyTree() } = (persisted ?? {}) as { id?: string; tree?: MessageTree };
        return { ...current, ...(id ? { id } : {}), ...showing(mapMessages(tree, (m) => (m.state === "streaming" ? stoppedReply(m) : m))) };
      },
    }),
  );
  return Object.assign(store, { hydrate: () => Promise.resolve(store.persist.rehydrate()) });
}
