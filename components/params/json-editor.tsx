"use client";
import { useId } from "react";

/**
 * A labelled JSON text editor that shows, as you type, what is wrong and where (the problem comes
 * from the caller's validator). Monospace, no spell checking, Tab left to the browser so keyboard
 * users can leave the field.
 */
export function JsonEditor({
  label,
  value,
  onChange,
  problem,
  help,
  rows = 8,
}: {
  label: string;
  value: string;
  onChange(text: string): void;
  problem?: string;
  help?: string;
  rows?: number;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        className={`w-full resize-y rounded border bg-bg p-2 font-mono text-xs ${problem ? "border-red-600" : "border-line"}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-status${help ? ` ${id}-help` : ""}`}
      />
      <p id={`${id}-status`} role="status" className={`text-xs ${problem ? "font-medium text-red-700 dark:text-red-300" : "text-muted"}`}>
        {problem ?? "Valid JSON."}
      </p>
      {help ? (
        <p id={`${id}-help`} className="text-xs text-muted">
          {help}
        </p>
      ) : null}
    </div>
  );
}
