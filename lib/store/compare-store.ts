/**
 * Compare mode: 2 to 6 columns over one conversation, each a conversation store of its own
 * (createConversationStore) with its own parameter set. The columns start from the same
 * messages (`base`) and diverge from there; "Run all" streams every column at once, bounded by
 * the upstream's concurrent streams (stream-slots.ts), and one column's Stop or failure touches
 * no other: each store owns its abort controller.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { RequestOptions } from "../chat/request";
import { clampParam, NUMERIC_PARAMS, SEED_PARAM, type NumericParamKey, type SamplingParams } from "../params";
import { createConversationStore, type ConversationStore, type ConversationStoreOptions, type UiMessage } from "./conversation-store";
import { createStreamSlots } from "../compare/stream-slots";
import { MAX_COLUMNS, MIN_COLUMNS, sweepValues, type Sweep } from "../compare/sweep";

export interface CompareColumn {
  id: string;
  params: SamplingParams;
  conversation: ConversationStore;
}

export interface CompareSetup {
  systemMessage: string;
  params: SamplingParams;
  model?: string;
  /** Functions, tool choice and response format: every column asks for the same. */
  options?: RequestOptions;
  /** The conversation the columns start from. */
  messages: UiMessage[];
  /** Per-column settings and messages after `messages` (a shared comparison); else two columns like `params`. */
  columns?: { params: SamplingParams; messages: UiMessage[] }[];
}

export interface CompareState {
  systemMessage: string;
  model?: string;
  options?: RequestOptions;
  /** What every column starts from: the conversation when compare mode opened. */
  base: UiMessage[];
  columns: CompareColumn[];
  /** One seed for every column, so differences come from the parameters, not the dice. */
  sharedSeed: boolean;
  seed: number;
  /** The two columns whose last replies are compared word by word, if any. */
  diff: [string, string] | null;

  setup(setup: CompareSetup): void;
  addColumn(): void;
  removeColumn(id: string): void;
  setParam(id: string, key: NumericParamKey, value: number): void;
  applySweep(sweep: Sweep): void;
  setSharedSeed(on: boolean): void;
  setSeed(seed: number): void;
  setDiff(pair: [string, string] | null): void;
  /** Sends `text` as the next user message in every column. */
  sendAll(text: string): void;
  /** Generates every idle column's last reply again (or its first, from the shared prompt). */
  runAll(): void;
  stopAll(): void;
  /** The settings a column's replies are generated with (the shared seed applied). */
  effectiveParams(id: string): SamplingParams;
}

export interface CompareStoreOptions {
  /** How many columns stream at once; changeable as capabilities arrive (`resizeSlots`). */
  concurrentStreams: number;
  /** For tests: the network side of every column. */
  streamChat?: ConversationStoreOptions["streamChat"];
  countUsage?: ConversationStoreOptions["countUsage"];
  /** Turns each column's request into what is sent (the playground fills `{{variables}}`). */
  prepare?: ConversationStoreOptions["prepare"];
}

export type CompareStore = StoreApi<CompareState> & { resizeSlots(limit: number): void };

/**
 * Six columns streaming at once: each shows its text 10 times a second rather than the chat's
 * 20, all in the same frames (next-frame.ts). Still reads as streaming, at half the renders;
 * bench/compare-rendering.ts prints what six columns cost the main thread.
 */
const COLUMN_COMMIT_DELAY_MS = 100;

const randomSeed = () => Math.floor(Math.random() * SEED_PARAM.max);

export function createCompareStore(options: CompareStoreOptions): CompareStore {
  const slots = createStreamSlots(options.concurrentStreams);

  const store = createStore<CompareState>()((set, get) => {
    const newColumn = (params: SamplingParams, messages: UiMessage[]): CompareColumn => {
      const id = crypto.randomUUID();
      const conversation = createConversationStore({
        settings: () => {
          const { systemMessage, model, options: asked } = get();
          return { systemMessage, params: get().effectiveParams(id), ...(model ? { model } : {}), ...(asked && Object.keys(asked).length ? { options: asked } : {}) };
        },
        acquireSlot: slots.acquire,
        prepare: options.prepare,
        commitDelayMs: COLUMN_COMMIT_DELAY_MS,
        ...(options.streamChat ? { streamChat: options.streamChat } : {}),
        ...(options.countUsage ? { countUsage: options.countUsage } : {}),
      });
      conversation.getState().load(messages);
      return { id, params: { ...params }, conversation };
    };

    const stopColumns = (columns: CompareColumn[]) => columns.forEach((c) => c.conversation.getState().stop());

    const withColumn = (id: string, update: (column: CompareColumn) => CompareColumn) =>
      set((s) => ({ columns: s.columns.map((c) => (c.id === id ? update(c) : c)) }));

    return {
      systemMessage: "",
      base: [],
      columns: [],
      sharedSeed: true,
      seed: randomSeed(),
      diff: null,

      setup({ systemMessage, params, model, options, messages, columns }) {
        stopColumns(get().columns);
        // A finished last reply is what the columns replace: they start from the prompt before it.
        const lastUser = messages.findLastIndex((m) => m.role === "user");
        const base = columns ? messages : messages.slice(0, lastUser + 1);
        const made = columns
          ? columns.slice(0, MAX_COLUMNS).map((c) => newColumn(c.params, [...base, ...c.messages]))
          : [newColumn(params, base), newColumn(params, base)];
        const seeds = (columns ?? []).map((c) => c.params.seed);
        // A shared comparison whose columns all used one seed keeps it shared.
        const sharedSeed = columns ? seeds.every((s) => s !== undefined && s === seeds[0]) : true;
        set({
          systemMessage,
          model,
          options,
          base,
          columns: made,
          sharedSeed,
          seed: sharedSeed && seeds[0] !== undefined ? seeds[0] : (params.seed ?? randomSeed()),
          diff: null,
        });
      },

      addColumn() {
        const { columns, base } = get();
        if (columns.length >= MAX_COLUMNS) return;
        set({ columns: [...columns, newColumn(columns.at(-1)?.params ?? columns[0].params, base)] });
      },

      removeColumn(id) {
        const { columns, diff } = get();
        if (columns.length <= MIN_COLUMNS) return;
        stopColumns(columns.filter((c) => c.id === id));
        set({ columns: columns.filter((c) => c.id !== id), diff: diff?.includes(id) ? null : diff });
      },

      setParam(id, key, value) {
        const param = NUMERIC_PARAMS.find((p) => p.key === key)!;
        withColumn(id, (c) => ({ ...c, params: { ...c.params, [key]: clampParam(param, value) } }));
      },

      applySweep(sweep) {
        const values = sweepValues(sweep);
        const { columns, base } = get();
        stopColumns(columns);
        const reference = columns[0].params;
        // Columns already there keep their conversations; extra ones are added, surplus ones dropped.
        const next = values.map((value, i) => {
          const params = { ...reference, [sweep.param.key]: value };
          const existing = columns[i];
          return existing ? { ...existing, params } : newColumn(params, base);
        });
        stopColumns(columns.slice(values.length));
        const ids = new Set(next.map((c) => c.id));
        set((s) => ({ columns: next, diff: s.diff?.every((id) => ids.has(id)) ? s.diff : null }));
      },

      setSharedSeed: (sharedSeed) => set({ sharedSeed }),
      setSeed: (seed) => set({ seed: Math.min(SEED_PARAM.max, Math.max(SEED_PARAM.min, Math.round(seed))) }),
      setDiff: (diff) => set({ diff }),

      sendAll(text) {
        if (!text.trim()) return;
        for (const c of get().columns) if (!c.conversation.getState().isStreaming) c.conversation.getState().send(text);
      },

      runAll() {
        // A column still streaming keeps its reply; the others start.
        for (const c of get().columns) c.conversation.getState().regenerate();
      },

      stopAll: () => stopColumns(get().columns),

      effectiveParams(id) {
        const { columns, sharedSeed, seed } = get();
        const params = { ...(columns.find((c) => c.id === id)?.params ?? columns[0].params) };
        if (sharedSeed) params.seed = seed;
        return params;
      },
    };
  });
  return Object.assign(store, { resizeSlots: slots.resize });
}

/** The parameters where `params` differs from the reference column's, in table order. */
export function differingParams(reference: SamplingParams, params: SamplingParams): NumericParamKey[] {
  return NUMERIC_PARAMS.filter((p) => params[p.key] !== reference[p.key]).map((p) => p.key);
}
