"use client";
import { useRef } from "react";
import { useStore } from "zustand";
import { differingParams, type CompareColumn, type CompareStore } from "@/lib/store/compare-store";
import type { ProviderCapabilities } from "@/lib/chat/capabilities";
import { NUMERIC_PARAMS } from "@/lib/params";
import type { Prices } from "@/lib/model/pricing";
import { ConversationProvider } from "../chat/conversation-context";
import { MessageList } from "../chat/message-list";
import { ReplyStats } from "../chat/reply-stats";
import { DiffText } from "./diff-text";
import { ParamField } from "./param-field";
import { useCompare } from "./use-compare";
import { useFollowEnd } from "./use-follow-end";

interface Props {
  store: CompareStore;
  column: CompareColumn;
  index: number;
  capabilities: ProviderCapabilities | undefined;
  prices: Prices | null;
  onContinue(column: CompareColumn): void;
}

export const columnName = (index: number) => `Column ${index + 1}`;

/**
 * One column: its settings (what differs from column 1 as editable chips, everything in
 * "Parameters"), its own Stop, Regenerate and numbers, and its replies after the shared messages.
 */
export function CompareColumnCard({ store, column, index, capabilities, prices, onContinue }: Props) {
  const name = columnName(index);
  const body = useRef<HTMLDivElement>(null);
  useFollowEnd(body);
  const reference = useCompare(store, (s) => s.columns[0].params);
  const baseLength = useCompare(store, (s) => s.base.length);
  const canRemove = useCompare(store, (s) => s.columns.length > 2);
  const diff = useCompare(store, (s) => s.diff);
  const { setParam, removeColumn } = store.getState();
  const differing = index === 0 ? [] : differingParams(reference, column.params);

  const conversation = column.conversation;
  const isStreaming = useStore(conversation, (s) => s.isStreaming);
  const isQueued = useStore(conversation, (s) => s.isQueued);
  const hasPrompt = useStore(conversation, (s) => s.messages.some((m) => m.role === "user"));
  const lastReply = useStore(conversation, (s) => s.messages.slice(baseLength).findLast((m) => m.role === "assistant"));
  const { stop, regenerate } = conversation.getState();

  const pairIndex = diff ? diff.indexOf(column.id) : -1;
  const otherId = diff && pairIndex >= 0 ? diff[1 - pairIndex] : undefined;
  const otherIndex = useCompare(store, (s) => (otherId ? s.columns.findIndex((c) => c.id === otherId) : -1));
  const otherText = useStore(otherIndex >= 0 ? store.getState().columns[otherIndex].conversation : conversation, (s) =>
    otherIndex >= 0 ? (s.messages.slice(baseLength).findLast((m) => m.role === "assistant")?.content ?? "") : "",
  );
  const showDiff = otherIndex >= 0 && !isStreaming && lastReply !== undefined;

  return (
    <section
      aria-label={name}
      data-testid="compare-column"
      data-streaming={isStreaming}
      className="flex w-[85vw] shrink-0 snap-center flex-col rounded-xl border border-line sm:w-[26rem] lg:w-auto lg:min-w-0"
    >
      <header className="space-y-2 border-b border-line p-2">
        <div className="flex flex-wrap items-center justify-between gap-1">
          <h3 className="text-sm font-semibold">
            {name}
            {index === 0 ? <span className="ml-1 text-xs font-normal text-muted">(reference)</span> : null}
          </h3>
          <div className="flex flex-wrap gap-1 text-xs">
            {isStreaming ? (
              <button type="button" className="btn-quiet border border-line" onClick={stop}>
                Stop
              </button>
            ) : (
              <button type="button" className="btn-quiet border border-line" onClick={regenerate} disabled={!hasPrompt}>
                Regenerate
              </button>
            )}
            <button type="button" className="btn-quiet" disabled={isStreaming || !lastReply} onClick={() => onContinue(column)}>
              Continue with this
            </button>
            {canRemove ? (
              <button type="button" className="btn-quiet" aria-label={`Remove ${name}`} onClick={() => removeColumn(column.id)}>
                Remove
              </button>
            ) : null}
          </div>
        </div>

        <div className="flex flex-wrap gap-1" aria-label={`${name}: settings that differ from column 1`} role="group" data-testid="param-chips">
          {differing.map((key) => {
            const param = NUMERIC_PARAMS.find((p) => p.key === key)!;
            return (
              <ParamField
                key={key}
                param={param}
                value={column.params[key]}
                onChange={(v) => setParam(column.id, key, v)}
                className="rounded-full border border-accent/60 bg-subtle px-2 py-0.5"
              />
            );
          })}
          {index > 0 && differing.length === 0 ? <span className="text-xs text-muted">Same settings as column 1</span> : null}
        </div>

        <details className="text-xs">
          <summary className="cursor-pointer select-none">Parameters</summary>
          <div className="mt-1 grid gap-1">
            {NUMERIC_PARAMS.map((param) => (
              <ParamField key={param.key} param={param} value={column.params[param.key]} onChange={(v) => setParam(column.id, param.key, v)} className="justify-between" />
            ))}
          </div>
        </details>

        {capabilities && !capabilities.seed ? <p className="text-xs text-amber-800 dark:text-amber-200">This upstream ignores seeds: runs differ by chance too.</p> : null}
        {isQueued ? (
          <p className="text-xs font-medium" role="status">
            Queued: the upstream runs {capabilities?.concurrentStreams ?? "a few"} replies at once; this one starts when another ends.
          </p>
        ) : null}
        {lastReply && lastReply.state !== "streaming" ? <ReplyStats usage={lastReply.usage} metrics={lastReply.metrics} prices={prices} /> : null}
      </header>

      {/* Its own scroll box, at most most of the screen tall: the columns stay side by side and a growing reply lays out and paints only its box. */}
      <div ref={body} className="max-h-[70vh] min-h-[8rem] flex-1 overflow-y-auto p-2 [contain:content] will-change-scroll" aria-live="off" tabIndex={0} aria-label={`${name}: conversation`}>
        <div>
        {showDiff ? (
          <DiffText text={lastReply.content} other={otherText} side={pairIndex === 0 ? "first" : "second"} otherName={columnName(otherIndex)} />
        ) : (
          <ConversationProvider store={conversation}>
            <MessageList prices={prices} startAt={baseLength} showStats={false} label={`${name} replies`} followEnd={false} />
          </ConversationProvider>
        )}
        {!hasPrompt ? <p className="text-sm text-muted">Send a message below: every column answers it with its own settings.</p> : null}
        </div>
      </div>
    </section>
  );
}
