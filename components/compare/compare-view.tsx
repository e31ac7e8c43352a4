"use client";
import { useId } from "react";
import type { CompareColumn, CompareStore } from "@/lib/store/compare-store";
import { MAX_COLUMNS } from "@/lib/compare/sweep";
import { useActivePrices, useCapabilities } from "@/lib/hooks/use-models";
import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import { fillVariablesFirst } from "@/lib/prompts/fill-request";
import { Composer } from "../chat/composer";
import { usePromptVariables } from "../prompts/use-prompt-variables";
import { VariablesPanel } from "../prompts/variables-panel";
import { ConversationProvider } from "../chat/conversation-context";
import { CompareColumnCard, columnName } from "./compare-column";
import { ShareComparisonButton } from "./share-comparison";
import { SweepForm } from "./sweep-form";
import { useCompare, useStreamingColumns } from "./use-compare";

/**
 * Compare mode: the same conversation answered by 2–6 parameter sets side by side. On a phone
 * the columns are cards in a row that snaps, swiped sideways; from lg up they form a grid.
 */
export function CompareView({ store, onContinue, onExit }: { store: CompareStore; onContinue(column: CompareColumn): void; onExit(): void }) {
  const columns = useCompare(store, (s) => s.columns);
  const base = useCompare(store, (s) => s.base);
  const streaming = useStreamingColumns(columns);
  const anyStreaming = streaming.includes("1");
  const capabilities = useCapabilities();
  const prices = useActivePrices();
  const { runAll, stopAll, sendAll, addColumn, applySweep } = store.getState();
  const lastPrompt = base.findLast((m) => m.role === "user")?.content;
  // As in the chat: a {{variable}} with no value blocks Send and Run all, saying which (every column sends the same filled prompt).
  const variables = usePromptVariables();
  const blocked = variables.missing.length ? fillVariablesFirst(variables.missing) : undefined;

  if (columns.length === 0) return null;
  return (
    <section aria-labelledby="compare-heading" className="space-y-3 rounded-xl border border-line p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="compare-heading" className="text-base font-semibold">
          Compare
        </h2>
        <div className="flex flex-wrap gap-1">
          <button type="button" className="btn-primary px-3 py-1 text-sm" onClick={runAll} disabled={anyStreaming || !!blocked || !columnsHavePrompt(columns)}>
            Run all
          </button>
          <button type="button" className="btn-quiet border border-line" onClick={stopAll} disabled={!anyStreaming}>
            Stop all
          </button>
          <button type="button" className="btn-quiet border border-line" onClick={addColumn} disabled={columns.length >= MAX_COLUMNS}>
            Add column
          </button>
          <ShareComparisonButton store={store} disabled={anyStreaming} />
          <button type="button" className="btn-quiet" onClick={onExit}>
            Back to chat
          </button>
        </div>
      </div>

      <SweepForm onApply={(key, from, to, count) => applySweep({ param: NUMERIC_PARAMS.find((p) => p.key === key)!, from, to, count })} />
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <SeedControls store={store} seedsIgnored={capabilities?.seed === false} />
        <DiffPicker store={store} />
      </div>

      {base.length > 0 ? (
        <details className="rounded-lg bg-subtle px-3 py-2 text-sm">
          <summary className="cursor-pointer">
            Every column answers: <span className="font-medium">“{shortPrompt(lastPrompt ?? "")}”</span> ({base.length} shared message{base.length === 1 ? "" : "s"})
          </summary>
          <ol className="mt-2 space-y-1" aria-label="Shared conversation">
            {base.map((m) => (
              <li key={m.id} className="whitespace-pre-wrap break-words">
                <span className="font-medium">{m.role === "user" ? "You" : "Assistant"}:</span> {m.content}
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      <div
        role="group"
        aria-label="Columns"
        tabIndex={0}
        className="-mx-1 flex snap-x snap-mandatory gap-3 overflow-x-auto px-1 pb-2 lg:grid lg:snap-none lg:overflow-visible"
        style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}
      >
        {columns.map((column, index) => (
          <CompareColumnCard key={column.id} store={store} column={column} index={index} capabilities={capabilities} prices={prices} onContinue={onContinue} />
        ))}
      </div>

      <VariablesPanel names={variables.names} missing={variables.missing} />
      <ConversationProvider store={columns[0].conversation}>
        <Composer streaming={anyStreaming} blocked={blocked} onSend={sendAll} onStop={stopAll} />
      </ConversationProvider>
    </section>
  );
}

const columnsHavePrompt = (columns: CompareColumn[]) => columns.some((c) => c.conversation.getState().messages.some((m) => m.role === "user"));

const shortPrompt = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

function SeedControls({ store, seedsIgnored }: { store: CompareStore; seedsIgnored: boolean }) {
  const id = useId();
  const sharedSeed = useCompare(store, (s) => s.sharedSeed);
  const seed = useCompare(store, (s) => s.seed);
  const { setSharedSeed, setSeed } = store.getState();
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={sharedSeed} onChange={(e) => setSharedSeed(e.target.checked)} aria-describedby={`${id}-help`} />
        <span>Same seed in every column</span>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs">Shared seed</span>
        <input
          type="number"
          className="w-28 rounded border border-line bg-bg px-2 py-1 tabular-nums disabled:opacity-50"
          min={SEED_PARAM.min}
          max={SEED_PARAM.max}
          step={1}
          disabled={!sharedSeed}
          value={seed}
          onChange={(e) => e.target.value !== "" && setSeed(Number(e.target.value))}
        />
      </label>
      <p id={`${id}-help`} className="basis-full text-xs text-muted">
        {seedsIgnored
          ? "The upstream ignores seeds, so replies also differ by chance."
          : "With one seed, differences between columns come from their parameters, not from chance."}
      </p>
    </div>
  );
}

function DiffPicker({ store }: { store: CompareStore }) {
  const columns = useCompare(store, (s) => s.columns);
  const diff = useCompare(store, (s) => s.diff);
  const pairs: [number, number][] = [];
  for (let a = 0; a < columns.length; a++) for (let b = a + 1; b < columns.length; b++) pairs.push([a, b]);
  const value = diff ? `${columns.findIndex((c) => c.id === diff[0])}-${columns.findIndex((c) => c.id === diff[1])}` : "";
  return (
    <label className="flex flex-col gap-0.5 text-sm">
      <span className="text-xs">Highlight differences</span>
      <select
        className="rounded border border-line bg-bg px-2 py-1"
        value={value}
        onChange={(e) => {
          if (!e.target.value) return store.getState().setDiff(null);
          const [a, b] = e.target.value.split("-").map(Number);
          store.getState().setDiff([columns[a].id, columns[b].id]);
        }}
      >
        <option value="">Off</option>
        {pairs.map(([a, b]) => (
          <option key={`${a}-${b}`} value={`${a}-${b}`}>
            {columnName(a)} and {columnName(b)}
          </option>
        ))}
      </select>
    </label>
  );
}
