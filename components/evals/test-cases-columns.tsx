"use client";
import { useId } from "react";
import { MAX_RUN_COLUMNS, type ColumnChoice } from "@/lib/evals/test-run-columns";

/** Which prompts and settings a run has as its columns: the current settings, saved versions, compare mode's columns. */
export function TestCasesColumns({ choices, chosen, onChange }: { choices: readonly ColumnChoice[]; chosen: ReadonlySet<string>; onChange(next: Set<string>): void }) {
  const id = useId();
  const full = chosen.size >= MAX_RUN_COLUMNS;
  return (
    <fieldset className="space-y-1" aria-describedby={`${id}-help`}>
      <legend className="text-base font-semibold">Columns to run</legend>
      <p id={`${id}-help`} className="text-sm text-muted">
        Each column runs every row: the current settings, saved versions of the open prompt, or compare mode&apos;s columns (up to {MAX_RUN_COLUMNS}).
      </p>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {choices.map((choice) => (
          <label key={choice.id} className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={chosen.has(choice.id)}
              disabled={!chosen.has(choice.id) && full}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(choice.id);
                else next.delete(choice.id);
                onChange(next);
              }}
            />
            {choice.label}
            {choice.detail ? <span className="text-muted"> ({choice.detail})</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
