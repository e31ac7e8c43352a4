"use client";
import { useMemo } from "react";
import { scanVariables } from "@/lib/prompts/variables";

/** Under a text field: each `{{…}}` in `text` that is not a valid variable name, said where it is typed. */
export function BadVariables({ text, id }: { text: string; id?: string }) {
  const bad = useMemo(() => scanVariables(text).bad, [text]);
  if (!bad.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs font-medium text-amber-700 dark:text-amber-300" aria-live="polite">
      {bad.slice(0, 5).map((b) => (
        <li key={b.start}>{b.message}</li>
      ))}
    </ul>
  );
}
