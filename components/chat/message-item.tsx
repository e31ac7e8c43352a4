"use client";
import dynamic from "next/dynamic";
import { memo, useRef, useState } from "react";
import type { UiMessage } from "@/lib/store/ui-message";
import type { Prices } from "@/lib/model/pricing";
import { CopyButton } from "../ui/copy-button";
import { TokenText } from "../probabilities/token-text";
import { JsonReply } from "./json-reply";
import { ReplyStats } from "./reply-stats";
import { ToolCallCards, ToolResultItem, ToolResultsForm } from "./tool-calls";
import { ModelInputButton } from "./model-input-button";
import { useMarkdown } from "./use-markdown";
import { useNearViewport, waitingStyle } from "./use-near-viewport";
import { VersionNavigator } from "./version-navigator";


// Shown only once the reader clicks a token: its code (the sampler's candidate view) stays off the first load.
const TokenCandidatesDialog = dynamic(() => import("../probabilities/token-candidates-dialog").then((m) => m.TokenCandidatesDialog), { loading: () => null });

interface Props {
  message: UiMessage;
  prices: Prices | null;
  isLastReply: boolean;
  busy: boolean;
  /** Compare columns show a reply's numbers in the column header instead. */
  showStats?: boolean;
  onRegenerate(): void;
  onEdit(id: string, text: string): void;
  /** The "Probabilities" toggle: replies with log-probabilities show as shaded tokens. */
  probabilities?: boolean;
  /** Why this reply cannot be continued from a chosen token; undefined: it can. */
  continueBlocked?: string;
  onContinue?(id: string, index: number, alternative: { token: string; logprob: number }): void;
  /** Answers this reply's function calls (the last reply's only). */
  onToolResults?(results: { toolCallId: string; content: string }[]): void;
  /** Tool messages: the name of the function the result answers. */
  callName?: string;
  /** Where this message stands among its versions (an edit or a regenerate makes one), when it has others. */
  versionPosition?: number;
  versionCount?: number;
  onShowVersion?(id: string, step: number): void;
  /** Starts a new conversation with the messages up to this one. */
  onBranch?(id: string): void;
  /** Draw the reply's markdown only once it comes near the viewport (the page's long conversation, not a compare column's box). */
  markdownWhenNear?: boolean;
}

export const MessageItem = memo(function MessageItem({ message, prices, isLastReply, busy, showStats = true, onRegenerate, onEdit, probabilities, continueBlocked, onContinue, onToolResults, callName, versionPosition, versionCount, onShowVersion, onBranch, markdownWhenNear = false }: Props) {
  const [editing, setEditing] = useState(false);
  const [openToken, setOpenToken] = useState<number | null>(null);
  const shaded = probabilities && !!message.logprobs?.length;
  const [draft, setDraft] = useState(message.content);
  const isUser = message.role === "user";
  const streaming = message.state === "streaming";
  const calls = message.toolCalls ?? [];
  // Called before the early return below: a hook's order may not change between renders.
  const Markdown = useMarkdown(message.role === "assistant");
  const itemRef = useRef<HTMLLIElement>(null);
  const near = useNearViewport(itemRef, markdownWhenNear && message.role === "assistant" && !streaming);

  if (message.role === "tool") return <ToolResultItem message={message} callName={callName} />;

  return (
    <li
      ref={itemRef}
      style={near ? undefined : waitingStyle(message.content)}
      className={`group rounded-lg px-3 py-2 ${isUser ? "ml-auto max-w-[85%] bg-subtle" : "w-full"}`}
      aria-label={isUser ? "Your message" : "Assistant reply"}
      data-role={message.role}
      data-state={message.state}
      data-finish={message.finishReason}
      aria-busy={streaming || undefined}
    >
      {editing ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            onEdit(message.id, draft);
          }}
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea id={`edit-${message.id}`} className="w-full rounded border border-line bg-bg p-2" rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={!draft.trim()}>
              Save &amp; resend
            </button>
            <button type="button" className="btn-quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : isUser ? (
        <p className="whitespace-pre-wrap break-words" data-testid="message-text">
          {message.content}
        </p>
      ) : (
        <>
          <div className="message-text" data-testid="reply-text">
            {shaded ? (
              <TokenText content={message.content} logprobs={message.logprobs} pickedAt={message.continuedAt} onOpen={setOpenToken} />
            ) : Markdown && near ? (
              <Markdown text={message.content} streaming={streaming} />
            ) : (
              <p className="whitespace-pre-wrap break-words">{message.content}</p>
            )}
          </div>
          {shaded && openToken !== null && message.logprobs?.[openToken] ? (
            <TokenCandidatesDialog
              index={openToken}
              entry={message.logprobs[openToken]}
              sampledWith={message.generation?.params}
              continueBlocked={streaming ? "Wait for this reply to finish." : continueBlocked}
              onClose={() => setOpenToken(null)}
              onContinue={(alternative) => {
                setOpenToken(null);
                onContinue?.(message.id, openToken, alternative);
              }}
            />
          ) : null}
          {message.continuedAt !== undefined && !streaming ? (
            <p className="mt-1 text-xs text-muted">Continued from token {message.continuedAt + 1}, which you chose.</p>
          ) : null}
          {calls.length ? <ToolCallCards calls={calls} streaming={streaming} /> : null}
          {message.format && !streaming && message.content ? <JsonReply text={message.content} format={message.format} /> : null}
          {streaming && message.content === "" && !calls.length ? <p className="text-muted">Thinking…</p> : null}
        </>
      )}

      {!isUser && !streaming && showStats ? <ReplyStats usage={message.usage} metrics={message.metrics} prices={prices} /> : null}
      {!isUser && message.warnings?.length ? (
        <ul className="mt-1 space-y-0.5 text-xs text-amber-800 dark:text-amber-200" aria-label="Settings not applied" data-testid="reply-warnings">
          {message.warnings.map((w) => (
            <li key={w.setting}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      {message.state === "stopped" ? <p className="mt-1 text-xs text-muted">Stopped — the partial reply is kept.</p> : null}
      {message.finishReason === "length" ? <p className="mt-1 text-xs text-muted">Reached Max Tokens.</p> : null}
      {isLastReply && message.finishReason === "tool_calls" && calls.length && onToolResults ? <ToolResultsForm calls={calls} busy={busy} onSend={onToolResults} /> : null}
      {message.error ? (
        <div role="alert" className="mt-2 rounded border border-red-500/60 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950/40 dark:text-red-100">
          <p>{message.error.message}</p>
          {isLastReply ? (
            <button type="button" className="btn-quiet mt-1 font-medium" onClick={onRegenerate} disabled={busy}>
              Retry
            </button>
          ) : null}
        </div>
      ) : null}

      {!editing && !streaming ? (
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
          {versionCount && versionCount > 1 && versionPosition && onShowVersion ? (
            <VersionNavigator id={message.id} position={versionPosition} count={versionCount} disabled={busy} onStep={onShowVersion} />
          ) : null}
          <CopyButton text={message.content} label={isUser ? "Copy message" : "Copy reply"} />
          {isUser ? (
            <button
              type="button"
              className="btn-quiet"
              disabled={busy}
              onClick={() => {
                setDraft(message.content);
                setEditing(true);
              }}
            >
              Edit
            </button>
          ) : null}
          {onBranch ? (
            <button type="button" className="btn-quiet" disabled={busy} aria-label="Branch into new conversation" onClick={() => onBranch(message.id)}>
              Branch
            </button>
          ) : null}
          {!isUser && message.generation ? <ModelInputButton replyId={message.id} disabled={busy && isLastReply} /> : null}
          {isLastReply && !message.error ? (
            <button type="button" className="btn-quiet" disabled={busy} onClick={onRegenerate}>
              Regenerate
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});
