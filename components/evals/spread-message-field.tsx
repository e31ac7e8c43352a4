"use client";
import { useId } from "react";

/**
 * The message a run sends: the conversation's last one to start with, or anything typed here;
 * optionally after the conversation's earlier messages, so the reply has the same context.
 */
export function SpreadMessageField({
  text,
  onText,
  earlierCount,
  withEarlier,
  onWithEarlier,
  disabled,
}: {
  text: string;
  onText(text: string): void;
  earlierCount: number;
  withEarlier: boolean;
  onWithEarlier(on: boolean): void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-message`} className="block text-sm font-medium">
        Message
      </label>
      <textarea
        id={`${id}-message`}
        className="block max-h-40 min-h-16 w-full rounded border border-line bg-bg px-2 py-1 text-sm"
        rows={3}
        value={text}
        disabled={disabled}
        onChange={(e) => onText(e.target.value)}
        aria-describedby={`${id}-help`}
      />
      <p id={`${id}-help`} className="text-xs text-muted">
        The conversation&apos;s last message to start with; type another to try that instead.
      </p>
      {earlierCount > 0 ? (
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={withEarlier} disabled={disabled} onChange={(e) => onWithEarlier(e.target.checked)} />
          <span>
            After the conversation&apos;s {earlierCount} earlier {earlierCount === 1 ? "message" : "messages"}
          </span>
        </label>
      ) : null}
    </div>
  );
}
