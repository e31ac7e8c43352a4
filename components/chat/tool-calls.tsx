"use client";
import { useId, useState } from "react";
import type { ToolCall, UiMessage } from "@/lib/store/ui-message";

/** Arguments as they stand: pretty once they parse, the raw text while they still stream in. */
function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The function calls of a reply, one card each, filling in as the deltas arrive. */
export function ToolCallCards({ calls, streaming }: { calls: ToolCall[]; streaming: boolean }) {
  return (
    <ul className="mt-2 space-y-2" aria-label="Function calls">
      {calls.map((call, i) => (
        <li key={call.id ?? i} data-testid="tool-call" className="rounded-lg border border-line bg-subtle p-2 text-sm">
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-xs text-muted">Calls</span>
            <code className="font-semibold" data-testid="tool-call-name">
              {call.name || "…"}
            </code>
            {call.id ? <span className="text-xs text-muted">{call.id}</span> : null}
            {streaming ? <span className="text-xs text-muted">(arguments arriving)</span> : null}
          </p>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-words font-mono text-xs" data-testid="tool-call-arguments">
            {prettyArguments(call.arguments) || " "}
          </pre>
        </li>
      ))}
    </ul>
  );
}

/** A result the user entered for a call, shown in the conversation. */
export function ToolResultItem({ message, callName }: { message: UiMessage; callName?: string }) {
  return (
    <li className="w-full rounded-lg border border-dashed border-line px-3 py-2 text-sm" aria-label="Function result" data-role="tool">
      <p className="text-xs text-muted">
        Result of <code>{callName ?? "function"}</code> <span>({message.toolCallId})</span>
      </p>
      <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs" data-testid="tool-result">
        {message.content}
      </pre>
    </li>
  );
}

/** Where the user answers the last reply's calls: one result per call (JSON or text), sent together. */
export function ToolResultsForm({ calls, busy, onSend }: { calls: ToolCall[]; busy: boolean; onSend(results: { toolCallId: string; content: string }[]): void }) {
  const answerable = calls.filter((c): c is ToolCall & { id: string } => !!c.id && !!c.name);
  const [results, setResults] = useState<Record<string, string>>({});
  const id = useId();
  if (!answerable.length) return null;
  const complete = answerable.every((c) => (results[c.id] ?? "").trim() !== "");
  return (
    <form
      className="mt-2 space-y-2 rounded-lg border border-line p-2"
      aria-label="Function results"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) onSend(answerable.map((c) => ({ toolCallId: c.id, content: results[c.id] })));
      }}
    >
      <p className="text-xs text-muted">Run the function{answerable.length > 1 ? "s" : ""} yourself and enter what {answerable.length > 1 ? "they" : "it"} returned (JSON or text); the model then goes on.</p>
      {answerable.map((call, i) => (
        <div key={call.id} className="space-y-1">
          <label htmlFor={`${id}-${i}`} className="text-sm font-medium">
            Result of {call.name}
            {answerable.length > 1 ? ` (${i + 1})` : ""}
          </label>
          <textarea
            id={`${id}-${i}`}
            rows={2}
            className="w-full rounded border border-line bg-bg p-2 font-mono text-xs"
            value={results[call.id] ?? ""}
            onChange={(e) => setResults((r) => ({ ...r, [call.id]: e.target.value }))}
            placeholder='{"temperature": 18, "unit": "celsius"}'
          />
        </div>
      ))}
      <button type="submit" className="btn-primary px-3 py-1 text-sm" disabled={!complete || busy}>
        Send result{answerable.length > 1 ? "s" : ""}
      </button>
    </form>
  );
}
